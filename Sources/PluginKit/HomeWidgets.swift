// HomeWidgets: what a Swift plugin implements to offer `cartable.widgets/1` (its cards on the portal's home page).
import Foundation

/// A plugin with something to show on the home page conforms. The host calls
/// ``homeCards(request:maxCards:)`` each time a caller of a school that enables the plugin
/// opens the home page, with the caller's own context (for a parent, `request.user?.childInView`
/// is the child to show): answer fast, from indexed queries, at most `maxCards` cards. Build the
/// body with ``PageKit``'s components; return no card when there is nothing to say.
///
/// ```swift
/// func homeCards(request: PluginRequest, maxCards: Int) throws -> [WidgetCard] {
///     let kit = PageKit(request: request)
///     return [WidgetCard(title: request.localized("widget.title"), html: kit.emptyState("widget.empty").markup, link: "\(kit.base)/")]
/// }
/// ```
public protocol HomeWidgets {
    func homeCards(request: PluginRequest, maxCards: Int) throws -> [WidgetCard]
}

/// The C table PluginKit hands the host for plugins that conform.
enum HomeWidgetsExport {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_widgets_v1_t> = {
        let table = UnsafeMutablePointer<cartable_widgets_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_widgets_v1_t(struct_size: UInt32(MemoryLayout<cartable_widgets_v1_t>.size), reserved: 0, cards: widgetCards))
        return table
    }()
}

private let widgetCards:
    @convention(c) (
        UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { plugin, request, options, out in
        guard let instance = AnyPluginInstance.from(plugin), let request, let out else { return CARTABLE_E_INVALID }
        return instance.homeCards(request, options: options.string, out: out)
    }
