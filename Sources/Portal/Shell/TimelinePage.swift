// TimelinePage: the home page's timeline — entries grouped by day, newest first, each with who did it, in which app and when; filters by app.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostLocales

struct TimelinePage {
    let localizer: Localizer
    let pluginLocales: PluginLocales
    let language: String
    let csrf: String
    /// The apps of the school, for the entries' icons and the filters.
    var apps: [PortalPage.App] = []
    /// The app the timeline is filtered by, nil for all.
    var filter: String? = nil
    var now = Date()

    private var dates: ReaderDates { .of(language) }

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

    /// When: "il y a 5 minutes" today, the time on earlier days; the exact date on hover and for machines.
    func when(_ iso: String) -> HTML {
        guard let date = ReaderDates.parse(iso) else { return "<time datetime=\"\(iso)\">\(iso)</time>" }
        let shown = dates.daysAgo(date, now: now) == 0 ? dates.relative(date, now: now) : dates.time(date)
        return "<time datetime=\"\(iso)\" title=\"\(dates.dayAndTime(date))\">\(shown)</time>"
    }

    /// A day's heading: "Aujourd'hui", "Hier", else "lundi 30 novembre".
    func heading(_ day: Date) -> HTML {
        switch dates.daysAgo(day, now: now) {
        case 0: return t("timeline.today")
        case 1: return t("timeline.yesterday")
        default: return HTML(text: dates.weekday(day, now: now))
        }
    }

    func render(_ entries: [Timeline.Entry], unread: Int) -> HTML {
        let all: HTML =
            unread == 0
            ? ""
            : """
            <form method="post" action="/timeline/read" class="inline"><input type="hidden" name="_csrf" value="\(csrf)">\
            <button type="submit" class="secondary">\(t("timeline.mark_all_read"))</button></form>
            """
        let list: HTML = entries.isEmpty ? empty : days(entries)
        var olderQuery = ["before": String(entries.last?.id ?? 0)]
        olderQuery["app"] = filter
        let olderPath = "/?" + formURLEncoded(olderQuery)
        let older: HTML =
            entries.count == Timeline.pageSize ? "<p class=\"timeline-older\"><a href=\"\(olderPath)\">\(t("timeline.older"))</a></p>" : ""
        return """
            <section aria-labelledby="timeline" class="timeline-section"><div class="section-head"><h2 id="timeline">\(t("timeline.title"))</h2>\
            \(all)</div>\(filters)\(list)\(older)</section>
            """
    }

    /// What an empty timeline says: nothing yet, or nothing in this app.
    private var empty: HTML {
        let name = filter.flatMap { id in apps.first { $0.id == id }?.name }
        let message = name.map { t("timeline.empty_app", $0) } ?? t("timeline.empty")
        return
            "<div class=\"empty-state\"><p class=\"empty-message\">\(message)</p><p class=\"field-hint\">\(t("timeline.empty_hint"))</p></div>"
    }

    /// One list per day, under its heading.
    private func days(_ entries: [Timeline.Entry]) -> HTML {
        var groups: [(day: Date?, entries: [Timeline.Entry])] = []
        for entry in entries {
            let day = ReaderDates.parse(entry.at).map(dates.startOfDay)
            if let last = groups.last, last.day == day {
                groups[groups.count - 1].entries.append(entry)
            } else {
                groups.append((day, [entry]))
            }
        }
        return groups.enumerated().map { index, group -> HTML in
            let title: HTML = group.day.map(heading) ?? t("timeline.earlier")
            return """
                <h3 class="timeline-day" id="timeline-day-\(index)">\(title)</h3>\
                <ol class="timeline" aria-labelledby="timeline-day-\(index)">\(group.entries.map(item))</ol>
                """
        }.joined()
    }

    private func item(_ entry: Timeline.Entry) -> HTML {
        let app = apps.first { $0.id == entry.pluginID }
        let who: HTML =
            entry.actorID.map { id in
                Avatar.of(name: entry.actorName ?? "", id: id, hasPicture: entry.actorHasAvatar, size: .small, alt: "")
            } ?? "<span class=\"avatar initials small avatar-none\" aria-hidden=\"true\">?</span>"
        let appLabel: HTML = app.map { "\(PortalPage.appIcon($0, size: 16))<span>\($0.name)</span> · " } ?? ""
        let state: HTML = entry.isRead ? "" : " <span class=\"badge\">\(t("timeline.new"))</span>"
        let mark: HTML =
            entry.isRead
            ? ""
            : """
            <form method="post" action="/timeline/read" class="inline"><input type="hidden" name="_csrf" value="\(csrf)">\
            <input type="hidden" name="event" value="\(entry.id)"><button type="submit" class="secondary">\(t("timeline.mark_read"))</button></form>
            """
        return """
            <li class="\(entry.isRead ? "read" : "unread")">\(who)<div class="timeline-body"><a href="\(entry.link)">\(text(of: entry))</a>\(state)\
            <div class="timeline-meta">\(appLabel)\(when(entry.at))</div></div>\(mark)</li>
            """
    }

    /// "Tout" and one link per app that writes on the timeline; the current one marked.
    private var filters: HTML {
        let named = apps.filter { pluginLocales.namesEvents($0.id) }
        guard named.count > 1 || filter != nil else { return "" }
        let current: HTML = " aria-current=\"page\""
        let everything: HTML = "<li><a href=\"/\"\(filter == nil ? current : "")>\(t("timeline.all_apps"))</a></li>"
        let each = named.map { app -> HTML in
            """
            <li><a href="/?\(formURLEncoded(["app": app.id]))"\(filter == app.id ? current : "")>\(PortalPage.appIcon(app, size: 16))\
            <span>\(app.name)</span></a></li>
            """
        }
        return "<nav class=\"timeline-filters\" aria-label=\"\(t("timeline.filters"))\"><ul>\(everything)\(each)</ul></nav>"
    }
}
