// Portal: the running host's services (database, store, plugins), built once at start.
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Logging
import PluginRuntime

/// Everything a request handler needs, shared by all requests.
package final class Portal: Sendable {
    package let configuration: PortalConfiguration
    package let database: HostDatabase
    package let store: DocumentStore
    package let plugins: PluginRegistry
    /// Plugin calls and short database reads (inline within a budget, see ``BlockingWorkPool``).
    package let pool: BlockingWorkPool
    /// For work that always takes long (password hashing): never inline.
    package let blocking = BlockingWorkPool(inlineLimit: 0)
    package let sessions: SessionStore
    /// Events plugins emit: the timeline and the deliveries to subscribed plugins.
    package let events: EventHub
    /// Which plugins each school has enabled, and at which version.
    package let modules: ModuleTable
    /// Sessions resolved in the last moment; forget a user's entries after changing them.
    package let sessionCache: SessionCache
    /// Who opened which app today, for the console's usage counts.
    package let visits: ModuleVisits
    package let authenticator: Authenticator
    /// Forgotten passwords and address confirmations.
    package let accountLinks: AccountLinks
    /// The messages the portal sends, when `serve --smtp` configured a relay.
    package let mail: MailOutbox?
    package let localizer: Localizer
    /// Each authority's logo and colours.
    package let themes: Themes
    /// Plugins' own strings (timeline entries).
    package let pluginLocales: PluginLocales
    /// Settings authorities changed for their schools' plugins.
    package let authoritySettings: AuthoritySettings
    /// Names plugins claimed for their public pages under /pub/.
    package let publicNames: PublicNames
    package let logger: Logger

    /// Opens the database (migrating it) and loads every plugin bundle.
    package init(configuration: PortalConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        database = try configuration.openDatabase()
        // Several hosts on one PostgreSQL: what one changes, the others' caches hear of.
        database.shareChanges()
        store = DocumentStore(database: database)
        events = EventHub(database: database)
        let plugins = PluginLoader(store: store, logger: logger, events: events).loadAll(from: configuration.pluginsDirectory)
        self.plugins = plugins
        events.subscribe(plugins.loaded.map(\.manifest))
        pool = BlockingWorkPool(inlineLimit: configuration.inlinePluginCalls)
        sessions = SessionStore(database: database)
        modules = ModuleTable(database: database)
        sessionCache = SessionCache(lifetime: configuration.sessionCacheLifetime, signals: database.signals)
        visits = ModuleVisits(database: database, logger: logger)
        authenticator = Authenticator(database: database, hasher: PasswordHasher(costLog2: configuration.passwordCost))
        accountLinks = AccountLinks(storage: database.accountLinks, hasher: authenticator.hasher)
        mail = try configuration.smtp.map {
            MailOutbox(
                sender: try SMTPMailSender(relay: $0, heloName: URL(string: configuration.issuer)?.host ?? "localhost"), logger: logger)
        }
        localizer = Localizer.shared
        pluginLocales = PluginLocales(plugins: plugins.serving)
        authoritySettings = AuthoritySettings(database: database)
        publicNames = PublicNames(database: database)
        themes = try configuration.themesDirectory.map(Themes.load(folder:)) ?? .none
    }

    /// The launcher: the apps the caller's school enabled (for anonymous callers, those some
    /// school enabled) whose home page the caller may open, named in `language`.
    package func apps(for identity: CallerIdentity?, language: String) throws -> [PortalPage.App] {
        try plugins.serving.compactMap { newest -> PortalPage.App? in
            guard let plugin = try plugin(id: newest.id, in: identity?.school) else { return nil }
            switch plugin.routes.access(method: "GET", path: "/") {
            case .undeclared: return nil
            case .user(let action?) where identity?.actions.contains(action) != true: return nil
            case .user, .everyone: break
            }
            return PortalPage.App(
                id: plugin.id, name: pluginLocales.text(plugin.id, "app.name", language) ?? plugin.manifest.name,
                icon: plugin.manifest.icon.map { "/apps/\(plugin.id)/assets/\($0)" })
        }
    }

    /// The loaded plugin that serves `id` in `school`: the version it chose (the newest when it
    /// chose none), or nil when the school did not enable it. Without a school: the newest, if
    /// some school enabled it.
    package func plugin(id: String, in school: Directory.School?) throws -> LoadedPlugin? {
        guard let school else { return try modules.isEnabledAnywhere(id) ? plugins.plugin(id: id) : nil }
        return try plugin(id: id, schoolID: school.id)
    }

    /// The loaded plugin that serves `id` in a school, or nil when the school did not enable it.
    /// "Latest" is the newest version for a pilot school, the newest stable one for the others.
    package func plugin(id: String, schoolID: String) throws -> LoadedPlugin? {
        guard let newest = plugins.plugin(id: id), let choice = try modules.modules(of: schoolID)[id] else { return nil }
        guard let version = choice else { return try modules.isPilot(schoolID) ? newest : plugins.newestStable(id: id) }
        if let chosen = plugins.plugin(id: id, version: version) { return chosen }
        logger.warning("\(id) \(version), chosen for school \(schoolID), is not installed: the newest version serves")
        return newest
    }

    /// `call` carrying the plugin's settings as the school's authority changed them (blocks on a read every 2 s at most).
    package func withSchoolSettings(_ call: PluginCall, plugin: LoadedPlugin, authority: String?) -> PluginCall {
        guard let authority else { return call }
        var call = call
        do {
            call.settings = try authoritySettings.requestSettings(plugin: plugin.id, defaults: plugin.settingsJSON, authority: authority)
        } catch {
            logger.error("settings of \(plugin.id) for authority \(authority): \(error); the platform's apply")
        }
        return call
    }

    /// Delivers due events to subscribed plugins (off the event loop); returns how many were handled.
    @discardableResult
    package func deliverEvents(now: Date = Date()) async throws -> Int {
        let delivery = EventDelivery(database: database, logger: logger)
        return try await blocking.run {
            Result { try delivery.deliverDue(now: now) { id, school in try self.plugin(id: id, schoolID: school) } }
        }.get()
    }

    /// Purges what the retention policy no longer keeps, every `interval` until cancelled (the first pass at once).
    package func runRetention(interval: Duration = .seconds(3600)) async {
        let purge = RetentionPurge(database: database, policy: configuration.retention), database = self.database
        // Sessions end and failures count as this process's stores say.
        let sessionLifetime = sessions.absoluteTimeout, throttleWindow = authenticator.window
        while !Task.isCancelled {
            // One host purges at a time; the others skip this round.
            let outcome = await blocking.run {
                Result {
                    try database.exclusively(job: "retention") {
                        try purge.run(sessionLifetime: sessionLifetime, throttleWindow: throttleWindow)
                    }
                }
            }
            switch outcome {
            case .success(nil):
                logger.debug("retention: another host is purging")
            case .success(let counts?):
                let removed = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !removed.isEmpty { logger.info("retention: \(removed.joined(separator: ", "))") }
            case .failure(let error):
                logger.error("retention: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Delivers due events every `interval` until cancelled (new events wait at most that long; retries follow their backoff).
    /// Every host delivers: each due delivery is claimed (leased) in a write transaction, so one host
    /// hands it to its plugin, and another takes it again only when the lease ran out (a crash).
    package func runEventDelivery(interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            do {
                try await deliverEvents()
            } catch {
                logger.error("event delivery: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
