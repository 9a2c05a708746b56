// JSONString: a Swift string as a JSON string literal, without going through an encoder.
/// `"text"` with JSON escapes (RFC 8259): quotes, backslashes and control characters.
package func jsonStringLiteral(_ text: String) -> String {
    var result = "\""
    result.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case let control where control.value < 0x20:
            result += "\\u00" + String(control.value, radix: 16).leftPadded(to: 2)
        default:
            result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
