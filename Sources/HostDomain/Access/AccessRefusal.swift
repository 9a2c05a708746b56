// AccessRefusal: why a change (role, grant, group, account, enablement, share) was refused, in one sentence.
import HostLocales
/// Thrown before anything is written. Refusals people see carry a locale key and its
/// arguments, shown in the reader's language; ``description`` is the English text (logs,
/// command line). Refusals only plugins see (shares, events) are plain English sentences.
package struct AccessRefusal: Error, CustomStringConvertible, Equatable {
    package let key: String?
    package let arguments: [String]
    private let sentence: String?

    /// A refusal for plugin developers, in English.
    package init(_ description: String) {
        key = nil
        arguments = []
        sentence = description
    }

    /// A refusal people see: `key` in the host's locale files, with `%@` arguments.
    package init(key: String, _ arguments: String...) {
        self.key = key
        self.arguments = arguments
        sentence = nil
    }

    package var description: String { text("en") }

    /// Two refusals are the same when they say the same thing.
    package static func == (left: AccessRefusal, right: AccessRefusal) -> Bool {
        left.description == right.description
    }

    /// The sentence in `language`.
    package func text(_ language: String) -> String {
        guard let key else { return sentence ?? "" }
        return Localizer.shared.text(key, language, arguments: arguments)
    }
}
