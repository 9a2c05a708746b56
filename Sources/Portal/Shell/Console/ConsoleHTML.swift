// ConsoleHTML: the small HTML pieces every console page is made of — tables, posting forms, labelled fields.
import CartableText
import HostLocales

/// Builders over ``HTML``: every text they are given is escaped, markup comes in as `HTML`.
struct ConsoleHTML {
    let localizer: Localizer
    let language: String
    let csrf: String

    /// A localized string, as text.
    func t(_ key: String, _ arguments: String...) -> HTML {
        HTML(text: localizer.text(key, language, arguments: arguments))
    }

    /// A table with a caption and column headers; `rows` are the cells (the first becomes a row header).
    func table(caption: HTML, headers: [HTML], rows: [[HTML]], empty: HTML) -> HTML {
        guard !rows.isEmpty else { return "<p>\(empty)</p>" }
        let head = headers.map { "<th scope=\"col\">\($0)</th>" as HTML }
        let body = rows.map { cells -> HTML in
            let row = cells.enumerated().map { $0.offset == 0 ? "<th scope=\"row\">\($0.element)</th>" : "<td>\($0.element)</td>" as HTML }
            return "<tr>\(row)</tr>"
        }
        return
            "<div class=\"table\"><table><caption>\(caption)</caption><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>"
    }

    /// A POST form with the CSRF token and `hidden` fields; `content` holds its visible fields and buttons.
    func form(_ action: String, hidden: [(String, String)] = [], inline: Bool = false, _ content: HTML) -> HTML {
        let fields = ([("_csrf", csrf)] + hidden).map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" as HTML }
        let inlineClass: HTML = inline ? " class=\"inline\"" : ""
        return "<form method=\"post\" action=\"\(action)\"\(inlineClass)>\(fields)\(content)</form>"
    }

    /// A form that is just one button.
    func button(_ action: String, label: HTML, hidden: [(String, String)] = []) -> HTML {
        form(action, hidden: hidden, inline: true, "<button type=\"submit\">\(label)</button>")
    }

    /// A labelled text input.
    func field(_ id: String, name: String, label: HTML, value: String = "", required: Bool = true, extra: HTML = "") -> HTML {
        let requiredAttribute: HTML = required ? " required" : ""
        return
            "<p><label for=\"\(id)\">\(label)</label> <input id=\"\(id)\" name=\"\(name)\" value=\"\(value)\"\(requiredAttribute)\(extra)></p>"
    }

    /// A labelled select; `options` are (value, shown text, selected).
    func select(_ id: String, name: String, label: HTML, options: [(String, String, Bool)]) -> HTML {
        let choices = options.map { option -> HTML in
            let selected: HTML = option.2 ? " selected" : ""
            return "<option value=\"\(option.0)\"\(selected)>\(option.1)</option>"
        }
        return "<label for=\"\(id)\">\(label)</label> <select id=\"\(id)\" name=\"\(name)\">\(choices)</select>"
    }

    /// A number written the reader's way.
    func number(_ n: Int) -> HTML {
        HTML(text: localizer.number(n, language))
    }

    func link(_ href: String, _ text: String) -> HTML { Self.link(href, text) }

    /// A link to `href` labelled `text`, both escaped.
    static func link(_ href: String, _ text: String) -> HTML {
        "<a href=\"\(href)\">\(text)</a>"
    }

    /// A paragraph of plain `text` (escaped), with an ARIA role (`status`, `alert`) and a class when given.
    static func paragraph(_ text: String, role: String? = nil, className: String? = nil) -> HTML {
        let classAttribute: HTML? = className.map { " class=\"\($0)\"" }
        let roleAttribute: HTML? = role.map { " role=\"\($0)\"" }
        return "<p\(classAttribute)\(roleAttribute)>\(text)</p>"
    }
}
