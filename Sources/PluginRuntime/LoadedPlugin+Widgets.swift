// LoadedPlugin+Widgets: asks a plugin's `cartable.widgets/1` for the caller's home cards and checks what it answers.
import CartableText
import CartableWire
import Foundation
import HostStorage
import PluginAPI

extension LoadedPlugin {
    /// The plugin's `cartable.widgets/1` cards function, when it offers one.
    private var widgetCardsFunction: OfferedFunction? {
        offeredExtension(CARTABLE_EXT_WIDGETS_1, as: cartable_widgets_v1_t.self)?.pointee.cards
    }

    /// Whether the plugin offers home cards.
    package var offersWidgets: Bool { widgetCardsFunction != nil }

    /// The cards the plugin shows `caller` (at most `options.maxCards`), or why it could not: its own
    /// message, or what was wrong with its answer. Blocks on the plugin: never call it on an event loop.
    package func homeCards(as caller: PluginCaller, locale: String, options: WidgetOptions) -> Result<[WidgetCard], WidgetFailure> {
        guard let cards = widgetCardsFunction else { return .failure(WidgetFailure("the plugin offers no home cards")) }
        let maxCards = options.maxCards
        let output = MessageCollector(limit: maxCards * (WidgetCard.maxHTMLBytes + 1024) + 64, refusesOverflow: true)
        let asked = String(decoding: (try? JSONEncoder().encode(options)) ?? Data("{}".utf8), as: UTF8.self)
        // Its reads share one snapshot on one connection, as a request's do.
        let code = context.store.database.withRequestScope {
            callOffered(cards, method: "WIDGETS", caller: caller, locale: locale, text: asked, output: output)
        }
        guard code == CARTABLE_OK else { return .failure(WidgetFailure("\(output.text) (code \(code))")) }
        let answer: WidgetCards
        do {
            answer = try JSONValueDecoder().decode(WidgetCards.self, from: Data(output.bytes))
        } catch {
            return .failure(WidgetFailure("its answer is not {\"cards\": [...]}: \(error)"))
        }
        let shown = Array(answer.cards.prefix(maxCards))
        if let problem = shown.lazy.compactMap({ $0.problem(pluginID: self.id) }).first { return .failure(WidgetFailure(problem)) }
        return .success(shown)
    }
}

/// Why a plugin's cards are not shown; the host logs it.
package struct WidgetFailure: Error, CustomStringConvertible {
    package let description: String

    package init(_ description: String) { self.description = description }
}
