// WidgetsView: the home page's cards — each app's title, body and "see all" link, or the notice that the app is unavailable.
import CartableText
import CartableWire
import HostLocales

struct WidgetsView {
    let localizer: Localizer
    let language: String

    func render(_ cards: [HomeCard]) -> HTML {
        guard !cards.isEmpty else { return "" }
        let items = cards.map { card -> HTML in
            let icon = PortalPage.appIcon(card.app, size: 24)
            guard let widget = card.card else {
                return """
                    <li class="card widget unavailable"><h3 class="card-title">\(icon) \(card.app.name)</h3>\
                    <p>\(localizer.text("home.widget_unavailable", language, card.app.name))</p></li>
                    """
            }
            let link: HTML? = widget.link.map { path in
                let label = widget.linkLabel ?? localizer.text("home.widget_open", language, card.app.name)
                return "<div class=\"card-footer\"><a href=\"\(path)\">\(label)</a></div>"
            }
            return """
                <li class="card widget"><h3 class="card-title">\(icon) \(widget.title)</h3>\
                <div class="widget-body">\(HTML.trusted(widget.html))</div>\(link)</li>
                """
        }
        return """
            <section aria-labelledby="widgets-title" class="widgets"><h2 id="widgets-title">\(localizer.text("home.widgets", language))</h2>\
            <ul class="widget-grid">\(items)</ul></section>
            """
    }
}
