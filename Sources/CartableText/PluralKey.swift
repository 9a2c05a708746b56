// PluralKey: which form of a counted locale string a number takes ("1 document", "2 documents"), for the host and PluginKit alike.
import Foundation

/// The key of the form of `key` that `count` takes: `key.one` or `key.other`, by the CLDR rule
/// of `language` (French: 0 and 1 are singular, "0 document"; English: only 1, "0 documents").
/// Locale files write both forms, each with the number as its first `%@`:
/// `"post.comments.one": "%@ commentaire"`, `"post.comments.other": "%@ commentaires"`.
public func pluralKey(_ key: String, count: Int, language: String) -> String {
    let one = language == "fr" ? (count == 0 || count == 1) : count == 1
    return key + (one ? ".one" : ".other")
}
