// NotesPages: the HTML fragments of the notes app, built with PluginKit's components (cards, fields, empty states, pager): every text is escaped.
import PluginKit

enum NotesPages {
    static func list(_ page: QueryPage<Note>, shared: [Versioned<Note>], request: PluginRequest) -> HTML {
        let kit = PageKit(request: request), base = kit.base
        let create = kit.buttonLink("\(base)/new", "action.new", style: .primary)
        var mine: HTML
        if page.items.isEmpty {
            mine = kit.emptyState("list.empty", hint: "list.empty_hint", action: create)
        } else {
            let items = page.items.map { item -> HTML in
                """
                <li><a href="\(base)/notes/\(item.id)">\(item.document.title)</a> \
                <small>\(kit.t("list.updated", kit.date(item.document.updated)))</small></li>
                """
            }
            let older = page.cursor.map { "\(base)/?after=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" }
            mine = "<p>\(create)</p><ul class=\"notes\">\(items)</ul>\(kit.pager(next: older))"
        }
        var html = kit.stylesheet("notes.css") + kit.card(request.localized("title.list"), mine)
        if !shared.isEmpty {
            let items = shared.map { "<li><a href=\"\(base)/notes/\($0.id)\">\($0.document.title)</a></li>" as HTML }
            html += kit.card(request.localized("list.shared"), "<ul class=\"notes\">\(items)</ul>")
        }
        return html
    }

    /// A note shared with the caller, read-only.
    static func read(_ note: Note, request: PluginRequest) -> HTML {
        let kit = PageKit(request: request)
        return "\(kit.stylesheet("notes.css"))<div class=\"note\">\(note.body)</div><p>\(kit.buttonLink("\(kit.base)/", "action.back"))</p>"
    }

    /// The form sharing a note with one of the caller's classes (empty when they may not share or have no class).
    static func shareForm(id: String, classes: [SchoolDirectory.SchoolClass], request: PluginRequest) -> HTML {
        guard !classes.isEmpty else { return "" }
        let kit = PageKit(request: request)
        let field = kit.select("class", id: "share-class", label: "field.share_class", options: classes.map { ($0.id, $0.name) })
        return kit.card(
            request.localized("action.share"), kit.form("\(kit.base)/notes/\(id)/share", field + kit.actions(kit.submit("action.share"))))
    }

    static func form(id: String?, version: Int64?, title: String, body: String, error: String?, request: PluginRequest) -> HTML {
        let kit = PageKit(request: request), base = kit.base
        let action = id.map { "\(base)/notes/\($0)" } ?? "\(base)/notes"
        let versionField: HTML? = version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" }
        let fields: HTML = """
            \(versionField)\
            \(kit.textField("title", label: "field.title", value: title, required: true, maxLength: Note.maxTitle))\
            \(kit.textArea("body", label: "field.body", value: body, rows: 10, maxLength: Note.maxBody))\
            \(kit.actions(kit.submit("action.save"), kit.buttonLink("\(base)/", "action.cancel")))
            """
        return kit.stylesheet("notes.css") + kit.error(error) + kit.form(action, fields)
    }
}
