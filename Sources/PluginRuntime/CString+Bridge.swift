// CString+Bridge: conversions between Swift strings and the ABI's length-carrying strings and sinks.
import Foundation
import PluginAPI

extension cartable_str_t {
    /// The UTF-8 text (invalid sequences repaired), or "" for an empty or NULL string.
    var string: String {
        guard let data, len > 0, len <= UInt64(Int.max) else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(len)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(len)), as: UTF8.self)
        }
    }
}

extension UnsafePointer where Pointee == cartable_sink_t {
    /// Writes UTF-8 text into a plugin-owned sink; returns the sink's status.
    @discardableResult
    func write(_ text: String) -> Int32 {
        guard let write = pointee.write else { return CARTABLE_E_INVALID }
        var text = text
        return text.withUTF8 { bytes in write(pointee.ctx, bytes.baseAddress, UInt64(bytes.count)) }
    }
}

/// Reads a NUL-terminated C string if the pointer is non-NULL.
func optionalString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
}
