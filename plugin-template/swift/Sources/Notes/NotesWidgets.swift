// NotesWidgets: the notes app's card on the home page — the notes shared with the caller (for a parent, with the child in view's class).
import Foundation
import PluginKit

extension NotesPlugin: HomeWidgets {
    /// How many notes the card lists.
    static let widgetNotes = 4

    func homeCards(request: PluginRequest, maxCards: Int) throws -> [WidgetCard] {
        guard maxCards > 0 else { return [] }
        let kit = PageKit(request: request)
        let shared = try sharedNotes(request).prefix(Self.widgetNotes)
        let body: HTML =
            shared.isEmpty
            ? kit.emptyState("widget.empty")
            : "<ul>\(shared.map { "<li><a href=\"\(kit.base)/notes/\($0.id)\">\($0.document.title)</a> <small>\(kit.date($0.document.updated))</small></li>" as HTML })</ul>"
        return [
            WidgetCard(
                title: request.localized("list.shared"), html: body.markup, order: 30, link: "\(kit.base)/",
                linkLabel: request.localized("widget.all"))
        ]
    }
}
