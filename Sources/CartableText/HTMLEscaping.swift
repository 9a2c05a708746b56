// HTMLEscaping: escapes text for HTML, shared by the host's pages and PluginKit's plugins.
/// Escapes `& < > " '` so that user text is inert in HTML text and attribute values.
///
/// ```swift
/// "<li>\(escapeHTML(note.title))</li>"
/// ```
public func escapeHTML(_ text: String) -> String {
    // Most text has nothing to escape: it is returned as it is, without a copy. The five
    // characters are ASCII, and UTF-8 never uses ASCII bytes inside a longer character, so the
    // bytes can be escaped one by one.
    let utf8 = text.utf8
    guard utf8.contains(where: isEscaped) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count + 32)
    for byte in utf8 {
        switch byte {
        case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
        default: bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

private func isEscaped(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
        || byte == UInt8(ascii: "'")
}
