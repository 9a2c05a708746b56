// FormURLEncoded: parses `application/x-www-form-urlencoded` text (forms and query strings).
import Foundation

/// Name-value pairs of a form body or query string, percent-decoded, `+` read as a space.
/// A repeated name keeps its last value; empty names are skipped.
public func parseFormURLEncoded(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for pair in text.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (part: Substring) -> String in
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        let name = decode(parts[0])
        if !name.isEmpty { result[name] = parts.count > 1 ? decode(parts[1]) : "" }
    }
    return result
}
