// PageKit+Components: the portal's look for plugin pages — cards, button links, empty states — as classes the portal's stylesheet already styles.
import CartableText

/// How a button or a button link reads: the page's main action, a secondary one, or one that destroys.
public enum ButtonStyle: String, Sendable {
    case primary, secondary, danger
}

extension PageKit {
    /// A card: a titled block of the page. `title` is text (escaped); `level` its heading level (2 by default).
    ///
    /// ```swift
    /// kit.card(kit.request.localized("list.mine"), list, footer: kit.buttonLink("\(kit.base)/new", "action.new", style: .primary))
    /// ```
    public func card(_ title: String? = nil, level: Int = 2, _ content: HTML, footer: HTML? = nil) -> HTML {
        let level = min(max(level, 2), 6)
        let heading: HTML? = title.map { "<h\(level) class=\"card-title\">\($0)</h\(level)>" }
        let foot: HTML? = footer.map { "<div class=\"card-footer\">\($0)</div>" }
        return "<section class=\"card\">\(heading)\(content)\(foot)</section>"
    }

    /// A link that looks like a button (to a page with a form, a creation page), labelled by a locale string.
    public func buttonLink(_ path: String, _ labelKey: String, _ arguments: String..., style: ButtonStyle = .secondary) -> HTML {
        "<a class=\"button \(style.rawValue)\" href=\"\(path)\">\(request.localizedText(labelKey, arguments))</a>"
    }

    /// A submit button labelled by a locale string.
    public func submit(_ labelKey: String, _ arguments: String..., style: ButtonStyle = .primary) -> HTML {
        "<button type=\"submit\" class=\"\(style.rawValue)\">\(request.localizedText(labelKey, arguments))</button>"
    }

    /// What a list shows when it has nothing yet: what it is (`messageKey`), what to do next
    /// (`hintKey`), and the action that does it (a ``buttonLink(_:_:_:style:)``).
    public func emptyState(_ messageKey: String, hint hintKey: String? = nil, action: HTML? = nil) -> HTML {
        let hint: HTML? = hintKey.map { "<p class=\"empty-hint\">\(t($0))</p>" }
        let act: HTML? = action.map { "<p>\($0)</p>" }
        return "<div class=\"empty-state\"><p class=\"empty-message\">\(t(messageKey))</p>\(hint)\(act)</div>"
    }

    /// A small label beside a title ("Brouillon", "3 nouveaux"), from a locale string.
    public func badge(_ labelKey: String, _ arguments: String...) -> HTML {
        "<span class=\"badge neutral\">\(request.localizedText(labelKey, arguments))</span>"
    }
}
