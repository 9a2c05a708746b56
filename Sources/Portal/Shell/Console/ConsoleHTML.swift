// ConsoleHTML: the small HTML pieces every console page is made of — tables, posting forms, labelled fields.
import CartableText
import HostLocales

/// Builders that escape everything they are given, so console pages never write raw user text.
struct ConsoleHTML {
    let localizer: Localizer
    let language: String
    let csrf: String

    /// A localized string, escaped.
    func t(_ key: String, _ arguments: String...) -> String {
        escapeHTML(localizer.text(key, language, arguments: arguments))
    }

    /// A table with a caption and column headers; `rows` are already-built `<td>` cells (the first becomes a row header).
    func table(caption: String, headers: [String], rows: [[String]], empty: String) -> String {
        guard !rows.isEmpty else { return "<p>\(empty)</p>" }
        let head = headers.map { "<th scope=\"col\">\($0)</th>" }.joined()
        let body = rows.map { cells in
            "<tr>" + cells.enumerated().map { $0.offset == 0 ? "<th scope=\"row\">\($0.element)</th>" : "<td>\($0.element)</td>" }.joined()
                + "</tr>"
        }.joined()
        return
            "<div class=\"table\"><table><caption>\(caption)</caption><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>"
    }

    /// A POST form with the CSRF token and `hidden` fields; `content` holds its visible fields and buttons.
    func form(_ action: String, hidden: [(String, String)] = [], inline: Bool = false, _ content: String) -> String {
        let fields = ([("_csrf", csrf)] + hidden).map {
            "<input type=\"hidden\" name=\"\(escapeHTML($0.0))\" value=\"\(escapeHTML($0.1))\">"
        }.joined()
        return "<form method=\"post\" action=\"\(escapeHTML(action))\"\(inline ? " class=\"inline\"" : "")>\(fields)\(content)</form>"
    }

    /// A form that is just one button.
    func button(_ action: String, label: String, hidden: [(String, String)] = []) -> String {
        form(action, hidden: hidden, inline: true, "<button type=\"submit\">\(label)</button>")
    }

    /// A labelled text input.
    func field(_ id: String, name: String, label: String, value: String = "", required: Bool = true, extra: String = "") -> String {
        "<p><label for=\"\(id)\">\(label)</label> <input id=\"\(id)\" name=\"\(name)\" value=\"\(escapeHTML(value))\"\(required ? " required" : "")\(extra)></p>"
    }

    /// A labelled select; `options` are (value, shown text, selected).
    func select(_ id: String, name: String, label: String, options: [(String, String, Bool)]) -> String {
        let choices = options.map { "<option value=\"\(escapeHTML($0.0))\"\($0.2 ? " selected" : "")>\(escapeHTML($0.1))</option>" }
            .joined()
        return "<label for=\"\(id)\">\(label)</label> <select id=\"\(id)\" name=\"\(name)\">\(choices)</select>"
    }

    /// A number written the reader's way.
    func number(_ n: Int) -> String {
        escapeHTML(localizer.number(n, language))
    }

    func link(_ href: String, _ text: String) -> String { Self.link(href, text) }

    /// A link to `href` labelled `text`, both escaped.
    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escapeHTML(href))\">\(escapeHTML(text))</a>"
    }

    /// A paragraph of plain `text` (escaped), with an ARIA role (`status`, `alert`) and a class when given.
    static func paragraph(_ text: String, role: String? = nil, className: String? = nil) -> String {
        let attributes = (className.map { " class=\"\(escapeHTML($0))\"" } ?? "") + (role.map { " role=\"\(escapeHTML($0))\"" } ?? "")
        return "<p\(attributes)>\(escapeHTML(text))</p>"
    }
}
