// UpstreamRoutes: /auth/upstream/… — log in through an external OpenID provider; link the identity to an account the first time.
import CartableText
import Foundation
import HostDomain
import HostLocales
import Hummingbird
import Logging
import PluginRuntime

/// The first login through a provider shows a form where the person proves which Cartable
/// account is theirs (its password, or its activation code and a new password); the link is
/// kept and audited, and later logins through that provider need nothing else.
struct UpstreamRoutes {
    let portal: Portal
    /// The cookie of an identity waiting to be linked, and the one binding a login under way to
    /// the browser that started it (the hash of its state).
    var cookie: String { portal.configuration.cookieNames.upstreamPending }
    var stateCookie: String { portal.configuration.cookieNames.upstreamState }

    /// A cookie of the upstream login: limited to `/auth/upstream`, HttpOnly, SameSite=Lax, Secure over https; `maxAge` 0 deletes it.
    private func upstreamCookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/auth/upstream", secure: portal.configuration.secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/auth/upstream/link") { request, context in
            let language = context.language(request)
            // Nothing to link (no login through a provider under way, or it expired): refused.
            guard let pending = try await pending(request) else {
                throw PageError(.forbidden, portal.localizer.text("upstream.expired", language))
            }
            return await AuthRoutes(portal: portal).page(request, context: context, title: "upstream.link_title") {
                $0.link(
                    csrf: context.csrfToken, provider: providerName(pending.provider), identity: pending.name ?? "",
                    subject: pending.subject, login: "", error: nil)
            }
        }
        router.post("/auth/upstream/link") { request, context in
            var request = request
            let language = context.language(request)
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            guard let token = request.cookies[cookie]?.value, let pending = try await pending(request) else {
                throw PageError(.forbidden, portal.localizer.text("upstream.expired", language))
            }
            let login = form["login"] ?? "", authenticator = portal.authenticator, address = context.address
            let code = form["code"] ?? "", password = form["password"] ?? "", newPassword = form["new_password"] ?? ""
            let outcome = await portal.blocking.run {
                Result {
                    code.isEmpty
                        ? try authenticator.login(login, password: password, address: address)
                        : try authenticator.activate(login, code: code, password: newPassword, address: address)
                }
            }
            switch outcome {
            case .success(let userID):
                let portal = self.portal
                try await portal.blocking.run { Result { try portal.linkUpstream(token, to: userID) } }.get()
                var response = try await AuthRoutes(portal: portal).openSession(userID: userID, context: context, then: "/")
                response.setCookie(upstreamCookie(cookie, "", maxAge: 0))
                return response
            case .failure(let refusal as Authenticator.Refusal):
                // Throttled like the login form: 429 with how long to wait.
                return await AuthRoutes(portal: portal).refusalPage(
                    refusal, request: request, context: context, title: "upstream.link_title"
                ) {
                    $0.link(
                        csrf: context.csrfToken, provider: providerName(pending.provider), identity: pending.name ?? "",
                        subject: pending.subject, login: login, error: $1)
                }
            case .failure(let error):
                throw error
            }
        }
        router.get("/auth/upstream/:id") { request, context in
            let language = context.language(request)
            let login = try login(context, language)
            let back = AuthRoutes.returnPath(request.uri.queryParameters.get("return").map { String($0) })
            do {
                let started = try await login.start(returnTo: back)
                var response = Response(status: .seeOther, headers: [.location: started.url])
                response.setCookie(upstreamCookie(stateCookie, started.binding, maxAge: 600))
                return response
            } catch {
                portal.logger.error("upstream login \(login.provider.id): \(error)")
                throw PageError(.badGateway, portal.localizer.text("upstream.unreachable", language, login.provider.name))
            }
        }
        router.get("/auth/upstream/:id/callback") { request, context in
            let language = context.language(request)
            let login = try login(context, language)
            let params = parseFormURLEncoded(request.uri.query ?? "")
            guard params["error"] == nil, let code = params["code"], let state = params["state"] else {
                throw PageError(.badRequest, portal.localizer.text("upstream.refused", language, login.provider.name))
            }
            // A callback carrying a state this browser did not start (login CSRF) is refused before anything is spent.
            guard UpstreamLogin.isBound(state: state, cookie: request.cookies[stateCookie]?.value) else {
                portal.logger.warning("upstream login \(login.provider.id) refused: the callback's state was started in another browser")
                throw PageError(.badRequest, portal.localizer.text("upstream.other_browser", language, login.provider.name))
            }
            let identity: (subject: String, name: String?, returnTo: String)
            do {
                identity = try await login.finish(code: code, state: state)
            } catch {
                portal.logger.warning("upstream login \(login.provider.id) refused: \(error)")
                throw PageError(.badRequest, portal.localizer.text("upstream.refused", language, login.provider.name))
            }
            let spent = upstreamCookie(stateCookie, "", maxAge: 0)
            let linked = try await portal.blocking.run { Result { try login.linkedUser(subject: identity.subject) } }.get()
            if let linked {
                var response = try await AuthRoutes(portal: portal).openSession(
                    userID: linked, context: context, then: AuthRoutes.returnPath(identity.returnTo))
                response.setCookie(spent)
                return response
            }
            let token = try await portal.blocking.run { Result { try login.holdPending(subject: identity.subject, name: identity.name) } }
                .get()
            var response = Response(status: .seeOther, headers: [.location: "/auth/upstream/link"])
            response.setCookie(spent)
            response.setCookie(upstreamCookie(cookie, token, maxAge: 600))
            return response
        }
    }

    private func login(_ context: PortalRequestContext, _ language: String) throws -> UpstreamLogin {
        let id = context.parameters.get("id") ?? ""
        guard let provider = portal.configuration.upstreamProviders.first(where: { $0.id == id }) else {
            throw PageError(.notFound, portal.localizer.text("upstream.unknown", language))
        }
        return portal.upstreamLogin(provider)
    }

    private func pending(_ request: Request) async throws -> (provider: String, subject: String, name: String?)? {
        guard let token = request.cookies[cookie]?.value else { return nil }
        let portal = self.portal
        return try await portal.blocking.run { Result { try portal.pendingUpstream(token) } }.get()
    }

    private func providerName(_ id: String) -> String {
        portal.configuration.upstreamProviders.first { $0.id == id }?.name ?? id
    }
}
