// Portal: the running host's services (database, store, plugins), built once at start.
import Foundation
import Logging

/// Everything a request handler needs, shared by all requests.
package final class Portal: Sendable {
    package let configuration: PortalConfiguration
    package let database: Database
    package let store: DocumentStore
    package let plugins: PluginRegistry
    /// Plugin calls and short database reads (inline within a budget, see ``PluginCallPool``).
    package let pool: PluginCallPool
    /// For work that always takes long (password hashing): never inline.
    package let blocking = PluginCallPool(inlineLimit: 0)
    package let sessions: SessionStore
    /// Which plugins each school has enabled, and at which version.
    package let modules: ModuleTable
    /// Sessions resolved in the last moment; forget a user's entries after changing them.
    package let sessionCache: SessionCache
    /// Who opened which app today, for the console's usage counts.
    package let visits: ModuleVisits
    package let authenticator: Authenticator
    package let localizer: Localizer
    package let logger: Logger

    /// Opens the database (migrating it) and loads every plugin bundle.
    package init(configuration: PortalConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        database = try Database(directory: configuration.dataDirectory)
        store = DocumentStore(database: database)
        let plugins = PluginLoader(store: store, logger: logger).loadAll(from: configuration.pluginsDirectory)
        self.plugins = plugins
        pool = PluginCallPool(inlineLimit: configuration.inlinePluginCalls)
        sessions = SessionStore(database: database)
        modules = ModuleTable(database: database)
        sessionCache = SessionCache(lifetime: configuration.sessionCacheLifetime)
        visits = ModuleVisits(database: database, logger: logger)
        authenticator = Authenticator(database: database, hasher: PasswordHasher(costLog2: configuration.passwordCost))
        localizer = Localizer()
        apps = plugins.serving.map { PortalPage.App(id: $0.id, name: $0.manifest.name) }
    }

    /// Every installed app, one per plugin id; ``apps(for:)`` keeps those a caller's school enabled.
    package let apps: [PortalPage.App]

    /// The apps of the caller's current school; for anonymous callers, those some school enabled.
    package func apps(for identity: CallerIdentity?) throws -> [PortalPage.App] {
        if let school = identity?.school {
            let enabled = try modules.modules(of: school.id)
            return apps.filter { enabled[$0.id] != nil }
        }
        return try apps.filter { try modules.isEnabledAnywhere($0.id) }
    }

    /// The loaded plugin that serves `id` to this caller: the version their school chose
    /// (the newest when it chose none), or nil when the plugin is not enabled for them.
    package func plugin(id: String, for identity: CallerIdentity?) throws -> LoadedPlugin? {
        guard let newest = plugins.plugin(id: id) else { return nil }
        guard let school = identity?.school else { return try modules.isEnabledAnywhere(id) ? newest : nil }
        guard let choice = try modules.modules(of: school.id)[id] else { return nil }
        guard let version = choice else { return newest }
        if let chosen = plugins.plugin(id: id, version: version) { return chosen }
        logger.warning("\(id) \(version), chosen for \(school.uai), is not installed: the newest version serves")
        return newest
    }
}
