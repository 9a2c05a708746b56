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
    /// Sessions resolved in the last moment; forget a user's entries after changing them.
    package let sessionCache: SessionCache
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
        sessionCache = SessionCache(lifetime: configuration.sessionCacheLifetime)
        authenticator = Authenticator(database: database, hasher: PasswordHasher(costLog2: configuration.passwordCost))
        localizer = Localizer()
        apps = plugins.serving.map { PortalPage.App(id: $0.id, name: $0.manifest.name) }
    }

    /// The apps shown in the portal's navigation, one per plugin id.
    package let apps: [PortalPage.App]
}
