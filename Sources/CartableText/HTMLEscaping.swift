// HTMLEscaping: escapes text for HTML, shared by the host's pages and PluginKit's plugins.
/// Escapes `& < > " '` so that user text is inert in HTML text and attribute values.
///
/// ```swift
/// "<li>\(escapeHTML(note.title))</li>"
/// ```
public func escapeHTML(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}
