// PortalApplication: the Hummingbird application and router of the portal.
import Foundation
import HostDomain
import Hummingbird
import Logging
import PluginRuntime

/// Builds the HTTP side of the portal.
package enum PortalApplication {
    /// The router with every host route; tests drive it in process.
    package static func router(portal: Portal) -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        let configuration = portal.configuration
        router.addMiddleware {
            ClientAddressMiddleware(forwarded: ForwardedFor(trusted: configuration.trustedProxies))
            RequestLoggerMiddleware()
            SessionMiddleware(
                cookie: configuration.cookieNames.session, sessions: portal.sessions, cache: portal.sessionCache, pool: portal.pool)
            SecurityHeadersMiddleware(headers: SecurityHeaders(themes: portal.themes, secure: configuration.secureCookies))
            CSRFMiddleware(
                localizer: portal.localizer, errorPage: ErrorPage(portal: portal), publicOrigin: configuration.publicOrigin,
                secureCookies: configuration.secureCookies,
                cookie: configuration.cookieNames.csrf, maxBodyBytes: configuration.maxBodyBytes)
            ErrorPageMiddleware(portal: portal)
            BodyLimitMiddleware(localizer: portal.localizer)
        }
        HealthRoutes(portal: portal).register(on: router)
        ShellAssetRoutes(assets: [.stylesheet, .icon]).register(on: router)
        AuthRoutes(portal: portal).register(on: router)
        ProfileRoutes(portal: portal).register(on: router)
        PasswordRoutes(portal: portal).register(on: router)
        PasswordResetRoutes(portal: portal).register(on: router)
        EmailConfirmationRoutes(portal: portal).register(on: router)
        AdminRoutes(portal: portal).register(on: router)
        ModuleRoutes(portal: portal).register(on: router)
        AuthoritySettingsRoutes(portal: portal).register(on: router)
        SSOClientRoutes(portal: portal).register(on: router)
        OIDCRoutes(portal: portal).register(on: router)
        CASRoutes(portal: portal).register(on: router)
        DeviceRoutes(portal: portal).register(on: router)
        ConnectedToolsRoutes(portal: portal).register(on: router)
        UpstreamRoutes(portal: portal).register(on: router)
        ConsoleIndexRoutes(portal: portal).register(on: router)
        PlatformConsoleRoutes(portal: portal).register(on: router)
        SchoolListRoutes(portal: portal).register(on: router)
        SchoolConsoleRoutes(portal: portal).register(on: router)
        AccountConsoleRoutes(portal: portal).register(on: router)
        BulkAccountRoutes(portal: portal).register(on: router)
        ImportConsoleRoutes(portal: portal).register(on: router)
        HomeRoutes(portal: portal).register(on: router)
        ThemeRoutes(portal: portal).register(on: router)
        PluginRoutes(portal: portal).register(on: router)
        PublicRoutes(portal: portal).register(on: router)
        return router
    }

    /// Serves until SIGINT or SIGTERM, then shuts the plugins down.
    package static func serve(portal: Portal) async throws {
        // The event delivery worker runs beside the server and stops with it.
        let delivery = Task { await portal.runEventDelivery() }
        // So does the retention job, hourly.
        let retention = Task { await portal.runRetention() }
        defer {
            delivery.cancel()
            retention.cancel()
        }
        try await application(portal: portal).runService()
        try? portal.visits.flush()
        portal.plugins.shutdown()
    }

    /// The application that `cartable serve` runs.
    package static func application(portal: Portal) -> some ApplicationProtocol {
        Application(
            router: router(portal: portal),
            configuration: .init(address: .hostname(portal.configuration.host, port: portal.configuration.port), serverName: "Cartable"),
            logger: portal.logger
        )
    }
}

/// Logs failures at info level and every request at debug level.
struct RequestLoggerMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if response.status.code >= 500 {
            context.logger.info("\(request.method) \(request.uri.path) -> \(response.status.code)")
        }
        return response
    }
}
