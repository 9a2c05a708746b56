// PageKit: the page helpers every plugin's HTML uses — escaped locale strings, dates in the reader's language, links, forms with their CSRF token.
import CartableText
import Foundation

/// Builders over one request; every string they are given is escaped, so a page built
/// with them shows what people typed as text, never as markup.
///
/// ```swift
/// let kit = PageKit(request: request)
/// kit.form("\(kit.base)/notes", kit.t("notes.title") + "…")   // carries the CSRF token
/// kit.link("\(request.basePath)/notes/\(id)", "notes.open", note.title)
/// ```
public struct PageKit {
    public let request: PluginRequest

    public init(request: PluginRequest) {
        self.request = request
    }

    /// The plugin's mount (`/apps/<id>`), escaped for an attribute.
    public var base: String { escapeHTML(request.basePath) }

    /// Plain text (a name, a title someone typed), escaped.
    public func text(_ plain: String) -> String { escapeHTML(plain) }

    /// A locale string of the plugin, escaped.
    public func t(_ key: String, _ arguments: String...) -> String {
        text(request.localizedText(key, arguments))
    }

    /// How dates read in each language, in the schools' time zone.
    static let dateStyles: [String: Date.FormatStyle] = {
        let zone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return [
            "fr": Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "fr_FR"), timeZone: zone),
            "en": Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: zone),
        ]
    }()

    /// An ISO 8601 date as "1 décembre 2026" / "1 December 2026"; "" when absent or unreadable.
    public func date(_ iso: String?) -> String {
        guard let iso, let parsed = try? Date(iso, strategy: .iso8601), let style = Self.dateStyles[request.locale] ?? Self.dateStyles["fr"]
        else {
            return ""
        }
        return escapeHTML(parsed.formatted(style))
    }

    /// `<time>` with the machine date and the reader's.
    public func time(_ iso: String?) -> String {
        guard let iso else { return "" }
        return "<time datetime=\"\(escapeHTML(iso))\">\(date(iso))</time>"
    }

    /// A POST form carrying the CSRF token; `content` is markup already built with these helpers.
    public func form(_ action: String, multipart: Bool = false, inline: Bool = false, _ content: String) -> String {
        "<form method=\"post\" action=\"\(escapeHTML(action))\"\(multipart ? " enctype=\"multipart/form-data\"" : "")\(inline ? " class=\"inline\"" : "")>"
            + request.csrfField + content + "</form>"
    }

    /// A form that is one button labelled by a locale string, with hidden fields.
    public func button(_ action: String, _ labelKey: String, hidden: [(String, String)] = []) -> String {
        let fields = hidden.map { "<input type=\"hidden\" name=\"\(escapeHTML($0.0))\" value=\"\(escapeHTML($0.1))\">" }.joined()
        return form(action, inline: true, fields + "<button type=\"submit\">\(t(labelKey))</button>")
    }

    /// A link labelled by a locale string (its arguments escaped with it).
    public func link(_ path: String, _ labelKey: String, _ arguments: String..., className: String? = nil) -> String {
        "<a href=\"\(escapeHTML(path))\"\(className.map { " class=\"\(escapeHTML($0))\"" } ?? "")>\(escapeHTML(request.localizedText(labelKey, arguments)))</a>"
    }

    /// An error message for screen readers too (`role="alert"`), or "" without one.
    public func error(_ key: String?) -> String {
        key.map { "<p class=\"error\" role=\"alert\">\(t($0))</p>" } ?? ""
    }

    /// A link to one of the plugin's stylesheets under `assets/`.
    public func stylesheet(_ file: String) -> String {
        "<link rel=\"stylesheet\" href=\"\(base)/assets/\(escapeHTML(file))\">"
    }
}

extension PluginRequest {
    /// The string for `key` in the caller's language, with an array of arguments.
    public func localizedText(_ key: String, _ arguments: [String]) -> String {
        strings?.text(key, locale, arguments) ?? key
    }

    /// The text fields of the posted form, url-encoded or multipart (files left out).
    public var fields: [String: String] {
        let parts = multipart
        guard !parts.isEmpty else { return form }
        return parts.compactMapValues { $0.filename == nil ? $0.text : nil }
    }
}
