// MessageCollector: a host-owned sink that gathers what a plugin writes (a message, an export).
import PluginAPI

/// Collects bytes a plugin writes into a host-owned sink, up to `limit`: an error message
/// is cut there; an export (`refusesOverflow`) fails with CARTABLE_E_TOO_LARGE instead.
final class MessageCollector {
    private(set) var bytes: [UInt8] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }
    let limit: Int
    let refusesOverflow: Bool

    init(limit: Int = 4096, refusesOverflow: Bool = false) {
        self.limit = limit
        self.refusesOverflow = refusesOverflow
    }

    var sink: cartable_sink_t {
        cartable_sink_t(ctx: Unmanaged.passUnretained(self).toOpaque(), write: collectMessage)
    }

    fileprivate func append(_ bytes: UnsafePointer<UInt8>, _ length: UInt64) -> Int32 {
        let room = max(0, limit - self.bytes.count)
        if refusesOverflow, length > UInt64(room) { return CARTABLE_E_TOO_LARGE }
        self.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(min(length, UInt64(room)))))
        return CARTABLE_OK
    }
}

private let collectMessage: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt64) -> Int32 = { ctx, bytes, length in
    guard let ctx else { return CARTABLE_E_INVALID }
    guard length > 0 else { return CARTABLE_OK }
    guard let bytes else { return CARTABLE_E_INVALID }
    return Unmanaged<MessageCollector>.fromOpaque(ctx).takeUnretainedValue().append(bytes, length)
}
