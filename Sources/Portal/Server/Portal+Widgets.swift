// Portal+Widgets: the home page's cards — every app of the caller's school that offers `cartable.widgets/1`, asked at once, each within the deadline.
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginRuntime

extension Portal {
    /// The caller's home cards, ordered by the apps' hints then the apps' names. An app that
    /// fails or misses ``PortalConfiguration/widgetDeadline`` gets one card saying it is unavailable.
    func homeCards(for identity: CallerIdentity, apps: [PortalPage.App], language: String) async -> [HomeCard] {
        guard let school = identity.school else { return [] }
        let offering: [(PortalPage.App, LoadedPlugin)]
        do {
            offering = try await pool.run {
                Result {
                    try apps.compactMap { app in
                        try self.plugin(id: app.id, schoolID: school.id).flatMap { $0.offersWidgets ? (app, $0) : nil }
                    }
                }
            }.get()
        } catch {
            logger.error("cannot list the apps offering home cards: \(error)")
            return []
        }
        let caller = PluginCaller(identity: identity), deadline = configuration.widgetDeadline, pool = self.pool, logger = self.logger
        let cards = await withTaskGroup(of: [HomeCard].self) { group in
            for (app, plugin) in offering {
                group.addTask {
                    let answer = await pool.run(deadline: deadline) {
                        plugin.homeCards(as: caller, locale: language, options: .standard)
                    }
                    switch answer {
                    case .success(let cards)?:
                        return cards.map { HomeCard(app: app, card: $0) }
                    case .failure(let failure)?:
                        logger.error("plugin \(plugin.id) \(plugin.version) gave no home cards: \(failure)")
                    case nil:
                        logger.warning("plugin \(plugin.id) \(plugin.version) did not give its home cards within \(deadline)")
                    }
                    return [HomeCard(app: app, card: nil)]
                }
            }
            return await group.reduce(into: [HomeCard]()) { $0 += $1 }
        }
        return cards.sorted { left, right in
            if left.order != right.order { return left.order < right.order }
            return left.app.name.localizedStandardCompare(right.app.name) == .orderedAscending
        }
    }
}

/// One card of the home page: an app's, or (without `card`) the notice that the app is unavailable.
struct HomeCard: Sendable {
    let app: PortalPage.App
    let card: WidgetCard?

    var order: Int { card?.order ?? WidgetCard.defaultOrder }
}
