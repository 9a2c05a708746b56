// NotesPages: the HTML fragments of the notes app; all user text is escaped.
import PluginKit

enum NotesPages {
    static func list(_ page: QueryPage<Note>, shared: [Versioned<Note>], request: PluginRequest) -> String {
        let base = escapeHTML(request.basePath)
        var html = "<link rel=\"stylesheet\" href=\"\(base)/assets/notes.css\">"
        html += "<p><a class=\"button\" href=\"\(base)/new\">\(escapeHTML(request.localized("action.new")))</a></p>"
        if page.items.isEmpty {
            html += "<p>\(escapeHTML(request.localized("list.empty")))</p>"
        } else {
            html += "<ul class=\"notes\">"
            for item in page.items {
                let link = "\(base)/notes/\(escapeHTML(item.id))"
                html += "<li><a href=\"\(link)\">\(escapeHTML(item.document.title))</a> "
                html += "<small>\(escapeHTML(request.localized("list.updated", String(item.document.updated.prefix(10)))))</small></li>"
            }
            html += "</ul>"
        }
        if let cursor = page.cursor {
            let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
            html += "<p><a href=\"\(base)/?after=\(escapeHTML(encoded))\">\(escapeHTML(request.localized("list.more")))</a></p>"
        }
        if !shared.isEmpty {
            html += "<h2>\(escapeHTML(request.localized("list.shared")))</h2><ul class=\"notes\">"
            for item in shared {
                html += "<li><a href=\"\(base)/notes/\(escapeHTML(item.id))\">\(escapeHTML(item.document.title))</a></li>"
            }
            html += "</ul>"
        }
        return html
    }

    /// A note shared with the caller, read-only.
    static func read(_ note: Note, request: PluginRequest) -> String {
        let base = escapeHTML(request.basePath)
        return "<link rel=\"stylesheet\" href=\"\(base)/assets/notes.css\"><div class=\"note\">\(escapeHTML(note.body))</div>"
            + "<p><a href=\"\(base)/\">\(escapeHTML(request.localized("action.back")))</a></p>"
    }

    /// The form sharing a note with one of the caller's classes (empty when they may not share or have no class).
    static func shareForm(id: String, classes: [SchoolDirectory.SchoolClass], request: PluginRequest) -> String {
        guard !classes.isEmpty else { return "" }
        let options = classes.map { "<option value=\"\(escapeHTML($0.id))\">\(escapeHTML($0.name))</option>" }.joined()
        return "<form method=\"post\" action=\"\(escapeHTML(request.basePath))/notes/\(escapeHTML(id))/share\">" + request.csrfField
            + "<p><label for=\"share-class\">\(escapeHTML(request.localized("field.share_class")))</label> "
            + "<select id=\"share-class\" name=\"class\">\(options)</select> "
            + "<button type=\"submit\">\(escapeHTML(request.localized("action.share")))</button></p></form>"
    }

    static func form(id: String?, version: Int64?, title: String, body: String, error: String?, request: PluginRequest) -> String {
        let base = escapeHTML(request.basePath)
        let action = id.map { "\(base)/notes/\(escapeHTML($0))" } ?? "\(base)/notes"
        var html = "<link rel=\"stylesheet\" href=\"\(base)/assets/notes.css\">"
        if let error {
            html += "<p class=\"error\" role=\"alert\">\(escapeHTML(request.localized(error)))</p>"
        }
        html += "<form method=\"post\" action=\"\(action)\">" + request.csrfField
        if let version { html += "<input type=\"hidden\" name=\"version\" value=\"\(version)\">" }
        html += "<p><label for=\"title\">\(escapeHTML(request.localized("field.title")))</label><br>"
        html += "<input id=\"title\" name=\"title\" required maxlength=\"\(Note.maxTitle)\" value=\"\(escapeHTML(title))\"></p>"
        html += "<p><label for=\"body\">\(escapeHTML(request.localized("field.body")))</label><br>"
        html += "<textarea id=\"body\" name=\"body\" rows=\"10\" maxlength=\"\(Note.maxBody)\">\(escapeHTML(body))</textarea></p>"
        html += "<p><button type=\"submit\">\(escapeHTML(request.localized("action.save")))</button> "
        html += "<a href=\"\(base)/\">\(escapeHTML(request.localized("action.cancel")))</a></p></form>"
        return html
    }
}
