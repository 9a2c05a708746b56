// AuthRoutes: /auth/login, /auth/logout and /auth/activate — forms, sessions and their cookie.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import HTTPTypes
import Logging
import PluginRuntime

/// Login, logout and first activation. Password work runs on the blocking pool.
struct AuthRoutes {
    let portal: Portal
    static let maxFormBytes = 16 * 1024

    func register(on router: Router<PortalRequestContext>) {
        router.get("/auth/login") { request, context in
            let back = Self.returnPath(request.uri.queryParameters.get("return").map { String($0) })
            let providers = portal.configuration.upstreamProviders.map { (id: $0.id, name: $0.name) }
            return await page(request, context: context, title: "auth.login_title") {
                $0.login(csrf: context.csrfToken, login: "", error: nil, returnPath: back, providers: providers)
            }
        }
        router.post("/auth/login") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: Self.maxFormBytes)))
            let login = form["login"] ?? "", password = form["password"] ?? ""
            let authenticator = portal.authenticator, address = context.address
            let outcome = await portal.blocking.run { Result { try authenticator.login(login, password: password, address: address) } }
            let back = Self.returnPath(form["return"])
            return try await finish(outcome, request: request, context: context, title: "auth.login_title", returnPath: back) {
                $0.login(csrf: context.csrfToken, login: login, error: $1, returnPath: back)
            }
        }
        router.get("/auth/activate") { request, context in
            await page(request, context: context, title: "activation.title") {
                $0.activation(csrf: context.csrfToken, login: "", error: nil)
            }
        }
        router.post("/auth/activate") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: Self.maxFormBytes)))
            let login = form["login"] ?? "", code = form["code"] ?? "", password = form["password"] ?? ""
            let authenticator = portal.authenticator, address = context.address
            let outcome = await Self.whenTypedTwice(form) {
                await portal.blocking.run { Result { try authenticator.activate(login, code: code, password: password, address: address) } }
            }
            return try await finish(outcome, request: request, context: context, title: "activation.title") {
                $0.activation(csrf: context.csrfToken, login: login, error: $1)
            }
        }
        router.post("/auth/school") { request, context in
            // Switches the session to another of the user's schools (UAI in the form field `school`).
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: Self.maxFormBytes)))
            guard let session = context.session, let token = context.sessionToken else {
                throw HTTPError(.unauthorized, message: "log in first")
            }
            let wanted = (form["school"] ?? "").uppercased()
            let directory = portal.directory, sessions = portal.sessions
            let switched = try await portal.blocking.run {
                Result { () -> Bool in
                    guard let school = try directory.schools(ofUser: session.userID).first(where: { $0.uai == wanted }) else {
                        return false
                    }
                    try sessions.switchSchool(token: token, to: school.id)
                    return true
                }
            }.get()
            guard switched else { throw HTTPError(.forbidden, message: "you do not belong to school \(wanted)") }
            portal.sessionCache.forget(token: token)
            return Response(status: .seeOther, headers: [.location: Self.returnPath(form["return"])])
        }
        router.post("/auth/child") { request, context in
            // A parent picks which of their children plugins show (form field `child`, a user id).
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: Self.maxFormBytes)))
            guard let identity = context.identity, let token = context.sessionToken else {
                throw HTTPError(.unauthorized, message: "log in first")
            }
            let wanted = form["child"] ?? ""
            guard identity.children.contains(where: { $0.id == wanted }) else {
                throw HTTPError(.forbidden, message: "this is not one of your children in your current school")
            }
            let sessions = portal.sessions
            try await portal.pool.run { Result { try sessions.switchChild(token: token, to: wanted) } }.get()
            portal.sessionCache.forget(token: token)
            return Response(status: .seeOther, headers: [.location: Self.returnPath(form["return"])])
        }
        router.post("/auth/logout") { _, context in
            await logOut(context, then: "/auth/login")
        }
    }

    /// Opens a session after a successful login or activation, or shows the form again with the reason.
    private func finish(
        _ outcome: Result<String, any Error>, request: Request, context: PortalRequestContext, title: String, returnPath: String = "/",
        form: @escaping (AuthPages, String?) -> HTML
    ) async throws -> Response {
        let language = context.language(request)
        switch outcome {
        case .success(let userID):
            return try await openSession(userID: userID, context: context, then: returnPath)
        case .failure(let refusal as Authenticator.Refusal):
            return await refusalPage(refusal, request: request, context: context, title: title) { form($0, $1) }
        case .failure(let error):
            portal.logger.error("authentication failed: \(error)")
            return await page(request, context: context, title: title, status: .internalServerError) {
                form($0, portal.localizer.text("error.internal", language))
            }
        }
    }

    /// The form again with the refusal's message: 401, or 429 with `Retry-After` when the attempt was throttled.
    func refusalPage(
        _ refusal: Authenticator.Refusal, request: Request, context: PortalRequestContext, title: String,
        form: (AuthPages, String) -> HTML
    ) async -> Response {
        let message = portal.localizer.text(refusal.key, context.language(request), refusal.retryAfter.map(String.init) ?? "")
        var response = await page(
            request, context: context, title: title, status: refusal.retryAfter == nil ? .unauthorized : .tooManyRequests
        ) { form($0, message) }
        if let wait = refusal.retryAfter { response.headers[.retryAfter] = String(wait) }
        return response
    }

    /// Opens a session for `userID` (replacing the caller's), sets its cookie and sends the browser to `location`.
    func openSession(userID: String, context: PortalRequestContext, then location: String) async throws -> Response {
        // An activation with a reset code ended the user's other sessions; a login replaces the previous one.
        portal.sessionCache.forget(userID: userID)
        let sessions = portal.sessions, directory = portal.directory, previous = context.sessionToken, address = context.address
        let timeline = portal.timeline
        let opened = await portal.blocking.run {
            Result {
                let school = try directory.loginSchool(userID: userID)
                let token = try sessions.open(userID: userID, schoolID: school, address: address, replacing: previous).token
                // What the user's groups were told lately reaches them even if they joined after.
                try timeline.catchUp(userID: userID)
                return token
            }
        }
        var response = Response(status: .seeOther, headers: [.location: location])
        response.setCookie(sessionCookie(value: try opened.get()))
        return response
    }

    func page(
        _ request: Request, context: PortalRequestContext, title: String, status: HTTPResponse.Status = .ok, _ body: (AuthPages) -> HTML
    ) async -> Response {
        let language = context.language(request)
        let pages = AuthPages(localizer: portal.localizer, language: language)
        let html = await portal.page(
            title: portal.localizer.text(title, language), fragment: body(pages), language: language, context: context)
        return .html(html, status: status)
    }

    /// `work`'s outcome when the new password (field `password`) was typed the same twice (field
    /// `confirm`); otherwise the refusal that says they differ, and `work` does not run.
    static func whenTypedTwice<T>(_ form: [String: String], _ work: () async -> Result<T, any Error>) async -> Result<T, any Error> {
        guard (form["password"] ?? "") == form["confirm"] else {
            return .failure(Authenticator.Refusal(key: "activation.mismatch", retryAfter: nil))
        }
        return await work()
    }

    /// The login page, bringing the user back to `path` afterwards.
    static func loginURL(returningTo path: String) -> String {
        "/auth/login?return="
            + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? "/")
    }

    /// Where a switcher sends the user back: a local path only (never another site), else home.
    static func returnPath(_ wanted: String?) -> String {
        guard let wanted, wanted.hasPrefix("/"), !wanted.hasPrefix("//"), !wanted.contains("\\"),
            !wanted.utf8.contains(where: { $0 < 0x20 })
        else { return "/" }
        return wanted
    }

    /// Ends the caller's session (if any), clears its cookie and sends the browser to `location`.
    func logOut(_ context: PortalRequestContext, then location: String) async -> Response {
        if let token = context.sessionToken {
            let sessions = portal.sessions
            _ = await portal.blocking.run { Result { try sessions.revoke(token: token) } }
            portal.sessionCache.forget(token: token)
        }
        var response = Response(status: .seeOther, headers: [.location: location])
        response.setCookie(sessionCookie(value: "", maxAge: 0))
        return response
    }

    private func sessionCookie(value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: portal.configuration.cookieNames.session, value: value, maxAge: maxAge, path: "/",
            secure: portal.configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
