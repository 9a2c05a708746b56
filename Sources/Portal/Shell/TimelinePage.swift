// TimelinePage: the home page's timeline — entries newest first, unread ones marked, each linking to what happened.
import CartableText
import Foundation
import HostDomain
import HostLocales

struct TimelinePage {
    let localizer: Localizer
    let pluginLocales: PluginLocales
    let language: String
    let csrf: String

    private func t(_ key: String, _ arguments: String...) -> HTML {
        HTML(text: localizer.text(key, language, arguments: arguments))
    }

    /// The text of an entry: the plugin's `event.<type>` with `{actor}` and its params, every value escaped.
    func text(of entry: Timeline.Entry) -> HTML {
        let actor = entry.actorName ?? localizer.text("timeline.someone", language)
        guard let template = pluginLocales.text(entry.pluginID, "event.\(entry.type)", language) else {
            return HTML(text: "\(actor) — \(entry.type)")
        }
        var values = entry.params
        values["actor"] = actor
        return HTML(text: PluginLocales.fill(template, values))
    }

    /// `23 novembre 2026 à 20:15` / `November 23, 2026 at 8:15 PM`.
    func date(_ iso: String) -> String {
        guard let date = try? Date(iso, strategy: .iso8601) else { return iso }
        return date.formatted(
            .dateTime.day().month(.wide).year().hour().minute().locale(Locale(identifier: language == "fr" ? "fr_FR" : "en_US")))
    }

    func render(_ entries: [Timeline.Entry], unread: Int) -> HTML {
        let items = entries.map { entry -> HTML in
            let state: HTML = entry.isRead ? "" : " <span class=\"badge\">\(t("timeline.new"))</span>"
            let mark: HTML =
                entry.isRead
                ? ""
                : """
                <form method="post" action="/timeline/read" class="inline"><input type="hidden" name="_csrf" value="\(csrf)">\
                <input type="hidden" name="event" value="\(entry.id)"><button type="submit">\(t("timeline.mark_read"))</button></form>
                """
            return """
                <li class="\(entry.isRead ? "read" : "unread")"><a href="\(entry.link)">\(text(of: entry))</a>\(state) \
                <time datetime="\(entry.at)">\(date(entry.at))</time> \(mark)</li>
                """
        }
        let all: HTML =
            unread == 0
            ? ""
            : """
            <form method="post" action="/timeline/read"><input type="hidden" name="_csrf" value="\(csrf)">\
            <button type="submit">\(t("timeline.mark_all_read"))</button></form>
            """
        let older: HTML =
            entries.count == Timeline.pageSize ? "<p><a href=\"/?before=\(entries.last?.id ?? 0)\">\(t("timeline.older"))</a></p>" : ""
        let list: HTML = entries.isEmpty ? "<p>\(t("timeline.empty"))</p>" : "<ol class=\"timeline\">\(items)</ol>"
        return "<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">\(t("timeline.title"))</h2>\(all)\(list)\(older)</section>"
    }
}
