// Note: one note as stored in the `notes` collection.
import Foundation

struct Note: Codable, Sendable {
    /// The user id of the note's author: notes are private to them.
    var owner: String
    var title: String
    var body: String
    /// ISO 8601; indexed, the list shows the latest first.
    var created: String
    var updated: String

    static let maxTitle = 200
    static let maxBody = 20_000

    /// Checks a submitted title and body; the error is a locale key.
    static func validate(title: String, body: String) -> String? {
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "error.title_required" }
        if title.count > maxTitle { return "error.title_too_long" }
        if body.count > maxBody { return "error.body_too_long" }
        return nil
    }

    static func now() -> String { Date().formatted(.iso8601) }
}
