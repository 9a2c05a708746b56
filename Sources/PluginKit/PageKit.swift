// PageKit: the page helpers every plugin's HTML uses — escaped locale strings, dates in the reader's language, links, forms with their CSRF token.
import CartableText
import CartableWire
import Foundation

/// Builders over one request, over ``HTML``: every string they are given is escaped, markup
/// comes in as `HTML`, so a page built with them shows what people typed as text, never as markup.
///
/// ```swift
/// let kit = PageKit(request: request)
/// kit.form("\(kit.base)/notes", "<p>\(kit.t("notes.title"))</p>")   // carries the CSRF token
/// kit.link("\(kit.base)/notes/\(id)", "notes.open", note.title)
/// let item: HTML = "<li>\(note.title)</li>"                            // escaped
/// ```
public struct PageKit {
    public let request: PluginRequest

    public init(request: PluginRequest) {
        self.request = request
    }

    /// The plugin's mount (`/apps/<id>`), as text (escaped where it is interpolated).
    public var base: String { request.basePath }

    /// Plain text (a name, a title someone typed), escaped.
    public func text(_ plain: String) -> HTML { HTML(text: plain) }

    /// A locale string of the plugin, escaped.
    public func t(_ key: String, _ arguments: String...) -> HTML {
        text(request.localizedText(key, arguments))
    }

    /// The form of the counted string `key` that `count` takes (`key.one` / `key.other` in the
    /// locale files, the number first): `kit.plural("post.comments", count: 1)` → "1 commentaire".
    public func plural(_ key: String, count: Int, _ arguments: String...) -> HTML {
        text(pluralText(key, count: count, arguments))
    }

    /// The same, as plain text (to pass into another string).
    public func pluralText(_ key: String, count: Int, _ arguments: [String] = []) -> String {
        request.localizedText(
            pluralKey(key, count: count, language: request.locale), [readerNumber(count, language: request.locale)] + arguments)
    }

    /// An ISO 8601 date as "1 décembre 2026" / "1 December 2026" (text), as the portal writes
    /// it (``ReaderDates``); "" when absent or unreadable.
    public func date(_ iso: String?) -> String {
        guard let iso else { return "" }
        return ReaderDates.of(request.locale).day(iso: iso) ?? ""
    }

    /// `<time>` with the machine date and the reader's.
    public func time(_ iso: String?) -> HTML {
        guard let iso else { return "" }
        return "<time datetime=\"\(iso)\">\(date(iso))</time>"
    }

    /// The hidden field with the request's CSRF token.
    public var csrfInput: HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(request.csrfToken)\">" }

    /// A POST form carrying the CSRF token; `content` is its fields and buttons.
    public func form(_ action: String, multipart: Bool = false, inline: Bool = false, _ content: HTML) -> HTML {
        let encoding: HTML = multipart ? " enctype=\"multipart/form-data\"" : ""
        let layout: HTML = inline ? " class=\"inline\"" : ""
        return "<form method=\"post\" action=\"\(action)\"\(encoding)\(layout)>\(csrfInput)\(content)</form>"
    }

    /// A form that is one button labelled by a locale string, with hidden fields.
    public func button(_ action: String, _ labelKey: String, hidden: [(String, String)] = []) -> HTML {
        let fields = hidden.map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" as HTML }
        return form(action, inline: true, "\(fields)<button type=\"submit\">\(t(labelKey))</button>")
    }

    /// A link labelled by a locale string (its arguments escaped with it).
    public func link(_ path: String, _ labelKey: String, _ arguments: String..., className: String? = nil) -> HTML {
        let classAttribute: HTML? = className.map { " class=\"\($0)\"" }
        return "<a href=\"\(path)\"\(classAttribute)>\(request.localizedText(labelKey, arguments))</a>"
    }

    /// An error message for screen readers too (`role="alert"`), or nothing without one.
    public func error(_ key: String?) -> HTML {
        key.map { "<p class=\"error\" role=\"alert\">\(t($0))</p>" } ?? ""
    }

    /// A link to one of the plugin's stylesheets under `assets/`.
    public func stylesheet(_ file: String) -> HTML {
        "<link rel=\"stylesheet\" href=\"\(base)/assets/\(file)\">"
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
