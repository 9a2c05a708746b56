// PageKit: what every page of the blogs app uses — escaped locale strings, dates in the reader's language, links, forms.
import Foundation
import PluginKit

/// Builders over one request; every string they are given is escaped.
struct PageKit {
    let request: PluginRequest

    var base: String { escapeHTML(request.basePath) }

    /// A locale string, escaped.
    func t(_ key: String, _ arguments: String...) -> String {
        escapeHTML(request.localized(key, arguments))
    }

    /// How dates read in each language, in the schools' time zone.
    static let dateStyles: [String: Date.FormatStyle] = {
        let zone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return [
            "fr": Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "fr_FR"), timeZone: zone),
            "en": Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: zone),
        ]
    }()

    /// An ISO 8601 date as "1 décembre 2026" / "1 December 2026".
    func date(_ iso: String?) -> String {
        guard let iso, let parsed = try? Date(iso, strategy: .iso8601), let style = Self.dateStyles[request.locale] ?? Self.dateStyles["fr"]
        else {
            return ""
        }
        return escapeHTML(parsed.formatted(style))
    }

    /// `<time>` with the machine date and the reader's.
    func time(_ iso: String?) -> String {
        guard let iso else { return "" }
        return "<time datetime=\"\(escapeHTML(iso))\">\(date(iso))</time>"
    }

    /// A POST form carrying the CSRF token.
    func form(_ action: String, multipart: Bool = false, inline: Bool = false, _ content: String) -> String {
        "<form method=\"post\" action=\"\(escapeHTML(action))\"\(multipart ? " enctype=\"multipart/form-data\"" : "")\(inline ? " class=\"inline\"" : "")>"
            + request.csrfField + content + "</form>"
    }

    /// A form that is one button.
    func button(_ action: String, _ labelKey: String, hidden: [(String, String)] = []) -> String {
        let fields = hidden.map { "<input type=\"hidden\" name=\"\(escapeHTML($0.0))\" value=\"\(escapeHTML($0.1))\">" }.joined()
        return form(action, inline: true, fields + "<button type=\"submit\">\(t(labelKey))</button>")
    }

    func link(_ path: String, _ labelKey: String, _ arguments: String..., className: String? = nil) -> String {
        "<a href=\"\(escapeHTML(path))\"\(className.map { " class=\"\($0)\"" } ?? "")>\(escapeHTML(request.localized(labelKey, arguments)))</a>"
    }

    func error(_ key: String?) -> String {
        key.map { "<p class=\"error\" role=\"alert\">\(t($0))</p>" } ?? ""
    }

    var stylesheet: String { "<link rel=\"stylesheet\" href=\"\(base)/assets/blogs.css\">" }

    /// The name shown for an author whose data was erased.
    func author(_ name: String) -> String { name.isEmpty ? t("post.former_member") : escapeHTML(name) }
}

extension PluginRequest {
    /// A localized string with an array of arguments.
    func localized(_ key: String, _ arguments: [String]) -> String {
        switch arguments.count {
        case 0: localized(key)
        case 1: localized(key, arguments[0])
        case 2: localized(key, arguments[0], arguments[1])
        default: localized(key, arguments[0], arguments[1], arguments[2])
        }
    }

    /// The text fields of the posted form, url-encoded or multipart.
    var fields: [String: String] {
        let parts = multipart
        guard !parts.isEmpty else { return form }
        return parts.compactMapValues { $0.filename == nil ? $0.text : nil }
    }
}
