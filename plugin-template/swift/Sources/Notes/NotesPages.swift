// NotesPages: the HTML fragments of the notes app; all user text is escaped.
import PluginKit

enum NotesPages {
    static func list(_ page: QueryPage<Note>, request: PluginRequest) -> String {
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
        return html
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
