// NotesPages: the HTML fragments of the notes app, built with PluginKit's PageKit and HTML: every text is escaped.
import PluginKit

enum NotesPages {
    static func list(_ page: QueryPage<Note>, shared: [Versioned<Note>], request: PluginRequest) -> HTML {
        let kit = PageKit(request: request), base = kit.base
        var html: HTML = "\(kit.stylesheet("notes.css"))<p>\(kit.link("\(base)/new", "action.new", className: "button"))</p>"
        if page.items.isEmpty {
            html += "<p>\(kit.t("list.empty"))</p>"
        } else {
            let items = page.items.map { item -> HTML in
                """
                <li><a href="\(base)/notes/\(item.id)">\(item.document.title)</a> \
                <small>\(kit.t("list.updated", String(item.document.updated.prefix(10))))</small></li>
                """
            }
            html += "<ul class=\"notes\">\(items)</ul>"
        }
        if let cursor = page.cursor {
            let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
            html += "<p>\(kit.link("\(base)/?after=\(encoded)", "list.more"))</p>"
        }
        if !shared.isEmpty {
            let items = shared.map { "<li><a href=\"\(base)/notes/\($0.id)\">\($0.document.title)</a></li>" as HTML }
            html += "<h2>\(kit.t("list.shared"))</h2><ul class=\"notes\">\(items)</ul>"
        }
        return html
    }

    /// A note shared with the caller, read-only.
    static func read(_ note: Note, request: PluginRequest) -> HTML {
        let kit = PageKit(request: request)
        return "\(kit.stylesheet("notes.css"))<div class=\"note\">\(note.body)</div><p>\(kit.link("\(kit.base)/", "action.back"))</p>"
    }

    /// The form sharing a note with one of the caller's classes (empty when they may not share or have no class).
    static func shareForm(id: String, classes: [SchoolDirectory.SchoolClass], request: PluginRequest) -> HTML {
        guard !classes.isEmpty else { return "" }
        let kit = PageKit(request: request)
        let options = classes.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }
        return kit.form(
            "\(kit.base)/notes/\(id)/share",
            """
            <p><label for="share-class">\(kit.t("field.share_class"))</label> <select id="share-class" name="class">\(options)</select> \
            <button type="submit">\(kit.t("action.share"))</button></p>
            """)
    }

    static func form(id: String?, version: Int64?, title: String, body: String, error: String?, request: PluginRequest) -> HTML {
        let kit = PageKit(request: request), base = kit.base
        let action = id.map { "\(base)/notes/\($0)" } ?? "\(base)/notes"
        let versionField: HTML? = version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" }
        let fields: HTML = """
            \(versionField)\
            <p><label for="title">\(kit.t("field.title"))</label><br>\
            <input id="title" name="title" required maxlength="\(Note.maxTitle)" value="\(title)"></p>\
            <p><label for="body">\(kit.t("field.body"))</label><br>\
            <textarea id="body" name="body" rows="10" maxlength="\(Note.maxBody)">\(body)</textarea></p>\
            <p><button type="submit">\(kit.t("action.save"))</button> <a href="\(base)/">\(kit.t("action.cancel"))</a></p>
            """
        return kit.stylesheet("notes.css") + kit.error(error) + kit.form(action, fields)
    }
}
