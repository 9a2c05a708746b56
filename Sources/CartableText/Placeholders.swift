// Placeholders: fills the `%@` placeholders of a locale string, in order.
import Foundation

/// Replaces each `%@` of `template` with the next argument; missing arguments become "".
public func fillPlaceholders(_ template: String, _ arguments: [String]) -> String {
    // Most strings have no placeholder: returned as they are, without searching them.
    guard template.utf8.contains(UInt8(ascii: "%")) else { return template }
    var result = ""
    var remaining = arguments[...]
    var rest = Substring(template)
    while let range = rest.range(of: "%@") {
        result += rest[..<range.lowerBound]
        result += remaining.popFirst() ?? ""
        rest = rest[range.upperBound...]
    }
    return result + rest
}
