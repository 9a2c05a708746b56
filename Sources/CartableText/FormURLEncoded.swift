// FormURLEncoded: reads and writes `application/x-www-form-urlencoded` text (forms and query strings).
import Foundation

/// Name-value pairs of a form body or query string, percent-decoded, `+` read as a space.
/// A repeated name keeps its last value; empty names are skipped.
public func parseFormURLEncoded(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for pair in text.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (part: Substring) -> String in
            // Most names and values hold neither `+` nor an escape: taken as they are.
            guard part.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(part) }
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        let name = decode(parts[0])
        if !name.isEmpty { result[name] = parts.count > 1 ? decode(parts[1]) : "" }
    }
    return result
}

/// `a=1&b=x%20y`: the pairs sorted by name, every byte but RFC 3986's unreserved ones percent-encoded.
public func formURLEncoded(_ parameters: [String: String]) -> String {
    let unreserved = CharacterSet.alphanumerics.union(.init(charactersIn: "-._~"))
    return parameters.sorted { $0.key < $1.key }
        .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")" }.joined(separator: "&")
}
