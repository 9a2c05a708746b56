// WireString: Swift strings to and from the ABI's length-carrying strings and sinks, one conversion for host and plugins.
import PluginAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension cartable_str_t {
    /// The UTF-8 text (invalid sequences repaired), or "" for an empty or NULL string.
    public var string: String {
        guard let data, len > 0, len <= UInt64(Int.max) else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(len)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(len)), as: UTF8.self)
        }
    }
}

extension String {
    /// Lends this string as a borrowed `cartable_str_t`, valid only for the duration of `body`.
    public func withCartableString<T>(_ body: (cartable_str_t) throws -> T) rethrows -> T {
        var copy = self
        return try copy.withUTF8 { bytes in
            try bytes.withMemoryRebound(to: CChar.self) {
                try body(cartable_str_t(data: $0.baseAddress, len: UInt64($0.count)))
            }
        }
    }
}

extension UnsafePointer where Pointee == cartable_sink_t {
    /// Writes UTF-8 text into a sink owned by the other side; returns the sink's status
    /// (`CARTABLE_E_INVALID` for a sink without a `write` function).
    @discardableResult
    public func write(_ text: String) -> Int32 {
        guard let write = pointee.write else { return CARTABLE_E_INVALID }
        var text = text
        return text.withUTF8 { bytes in write(pointee.ctx, bytes.baseAddress, UInt64(bytes.count)) }
    }
}

/// The text of a NUL-terminated C string (invalid UTF-8 repaired), or nil for NULL.
public func optionalString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
}
