// DecodingError+ShortDescription: a decoding failure as one line a plugin author or admin can act on.
import Foundation

extension DecodingError {
    /// One line: the failing key path and what was expected.
    package var shortDescription: String {
        switch self {
        case .keyNotFound(let key, let context):
            return "missing '\(Self.path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = Self.path(context.codingPath)
            return path.isEmpty ? context.debugDescription : "'\(path)': \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
