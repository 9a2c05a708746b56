// JSONObjectText: a JSON object kept as its canonical text, for values the host passes through.
import Foundation

/// A JSON object held as serialized text, decodable from any JSON object in a manifest.
package struct JSONObjectText: Codable, Sendable, Equatable {
    package let text: String

    package init(text: String) { self.text = text }

    package init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(JSONValue.self)
        guard case .object = value else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a JSON object"))
        }
        let data = try JSONEncoder.sortedKeys.encode(value)
        text = String(decoding: data, as: UTF8.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(JSONValue.parse(Data(text.utf8)))
    }
}

extension JSONEncoder {
    /// An encoder with stable key order, for text that is compared or hashed.
    package static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
