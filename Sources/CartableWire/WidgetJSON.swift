// WidgetJSON: the home cards `cartable.widgets/1` answers with, and the options the host asks with — one definition for the host and PluginKit.
/// What the host asks for: `{"max_cards": 2}`.
public struct WidgetOptions: Codable, Sendable, Equatable {
    public var maxCards: Int

    public init(maxCards: Int) { self.maxCards = maxCards }

    /// What the portal asks each app for: two cards.
    public static let standard = WidgetOptions(maxCards: 2)

    enum CodingKeys: String, CodingKey { case maxCards = "max_cards" }
}

/// One card of the home page, as a plugin offers it.
public struct WidgetCard: Codable, Sendable, Equatable {
    /// The longest title and body the host shows.
    public static let maxTitleBytes = 120
    public static let maxHTMLBytes = 16 << 10
    /// Where a card without an order hint goes.
    public static let defaultOrder = 100

    /// Text, escaped by the host.
    public var title: String
    /// The card's body: an HTML fragment the plugin built with escaping.
    public var html: String
    /// Lower first.
    public var order: Int?
    /// A local path into the plugin: the card's "see all".
    public var link: String?
    /// The text of ``link``; the app's name when absent.
    public var linkLabel: String?

    public init(title: String, html: String, order: Int? = nil, link: String? = nil, linkLabel: String? = nil) {
        self.title = title
        self.html = html
        self.order = order
        self.link = link
        self.linkLabel = linkLabel
    }

    enum CodingKeys: String, CodingKey { case title, html, order, link, linkLabel = "link_label" }

    /// Why the host would not show this card of plugin `pluginID`, or nil when it is well formed.
    public func problem(pluginID: String) -> String? {
        if title.isEmpty || title.utf8.count > Self.maxTitleBytes { return "a card's title is 1 to \(Self.maxTitleBytes) bytes" }
        if html.utf8.count > Self.maxHTMLBytes { return "a card's html is at most \(Self.maxHTMLBytes) bytes" }
        if let link, !link.hasPrefix("/apps/\(pluginID)/") && link != "/apps/\(pluginID)" {
            return "a card's link is a path into the plugin (/apps/\(pluginID)/...), not '\(link)'"
        }
        return nil
    }
}

/// The whole answer: `{"cards": [...]}`.
public struct WidgetCards: Codable, Sendable, Equatable {
    public var cards: [WidgetCard]

    public init(cards: [WidgetCard]) { self.cards = cards }
}
