// ReaderNumber: an integer as the reader's language writes it ("12 345" in French, "12,345" in English), for the host and PluginKit alike.
import Foundation

public func readerNumber(_ n: Int, language: String) -> String {
    n.formatted(.number.locale(Locale(identifier: language == "fr" ? "fr_FR" : "en_GB")))
}
