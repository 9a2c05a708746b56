// JSONValueText: a JSONValue written as compact JSON text with sorted keys, without an encoder (a store query is written at every call).

extension JSONValue {
    /// Compact, keys sorted, slashes unescaped: the text Foundation's encoder gave with
    /// `.sortedKeys` and `.withoutEscapingSlashes`, written directly.
    package func jsonText() -> String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .integer(let value): text += String(value)
        case .double(let value):
            if !value.isFinite {
                text += "null"
            } else if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
                text += String(Int64(value))
            } else {
                text += "\(value)"
            }
        case .string(let value): text += jsonStringLiteral(value)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                element.write(to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                text += jsonStringLiteral(key)
                text += ":"
                members[key]?.write(to: &text)
            }
            text += "}"
        }
    }
}
