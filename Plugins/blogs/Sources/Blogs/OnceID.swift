// OnceID: the id a form gives the document it creates, so sending the form twice creates it once.
import Foundation

enum OnceID {
    /// A new id for a creation form.
    static func make() -> String { UUID().uuidString.lowercased() }

    /// The form's id when it is one of ours (a lower-case UUID), else a new one.
    static func from(_ field: String?) -> String {
        guard let field, field.count == 36, UUID(uuidString: field) != nil, field == field.lowercased() else { return make() }
        return field
    }
}
