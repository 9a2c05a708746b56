// DeviceRoutes: RFC 8628 — a device asks for codes at /oauth2/device_authorization; the user enters the short one at /device and decides.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import PluginRuntime

struct DeviceRoutes {
    let portal: Portal

    /// Codes a device may ask for: anyone holding a public client id can, so per address and per client.
    static let perAddress = (limit: 10, window: 600.0), perClient = (limit: 120, window: 600.0)
    /// Wrong codes a user may type at /device before each new try waits.
    static let freeGuesses = 5

    func register(on router: Router<PortalRequestContext>) {
        let byAddress = RateLimiter(limit: Self.perAddress.limit, window: Self.perAddress.window)
        let byClient = RateLimiter(limit: Self.perClient.limit, window: Self.perClient.window)
        // For the device (a mobile app): client authentication as at the token endpoint, no cookie.
        router.post("/oauth2/device_authorization") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            if let wait = byAddress.attempt(IPNetwork.throttleKey(context.address)) ?? byClient.attempt(form["client_id"] ?? "") {
                return try OIDCRoutes.json(
                    ["error": "slow_down", "error_description": "too many device codes asked for: wait \(wait) s"],
                    status: .tooManyRequests, headers: [.retryAfter: String(wait)])
            }
            let authorization = request.headers[.authorization], issuer = portal.configuration.issuer
            let outcome = await portal.pool.run {
                Result { () throws -> DeviceGrants.Started in
                    let client = try OIDCRoutes.authenticateClient(authorization: authorization, form: form, portal: portal)
                    let scope = (form["scope"] ?? "openid").split(separator: " ").map(String.init)
                    guard scope.contains("openid"), scope.allSatisfy(client.scopes.contains) else {
                        throw OAuthError("invalid_scope", "this client may not ask for that scope")
                    }
                    return try portal.deviceGrants.start(clientID: client.id, scope: scope)
                }
            }
            switch outcome {
            case .success(let started):
                return try OIDCRoutes.json(
                    [
                        "device_code": started.deviceCode, "user_code": started.userCode, "verification_uri": "\(issuer)/device",
                        "verification_uri_complete": "\(issuer)/device?user_code=\(started.userCode)", "expires_in": started.expiresIn,
                        "interval": started.interval,
                    ], headers: [.cacheControl: "no-store"])
            case .failure(let error as OAuthError):
                return try OIDCRoutes.json(["error": error.code, "error_description": error.message], status: .init(code: error.status))
            case .failure(let error):
                throw error
            }
        }
        router.get("/device") { request, context in
            guard context.identity != nil else {
                return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: request.uri.description)])
            }
            return await page(
                request, context, code: parseFormURLEncoded(request.uri.query ?? "")["user_code"] ?? "", message: nil, status: .ok)
        }
        // The code typed: the tool and what it asks for, to allow or refuse.
        router.post("/device") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let language = context.language(request)
            guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
            let code = form["user_code"] ?? "", userID = identity.userID
            // Guessing someone else's code is slowed down like a password.
            let throttle = portal.throttle
            let wait = try await portal.pool.run { Result { try throttle.wait([("device", userID, Self.freeGuesses)], at: Date()) } }.get()
            if wait > 0 {
                let seconds = String(AttemptThrottle.retryAfter(wait))
                var response = await page(
                    request, context, code: code, message: portal.localizer.text("auth.throttled", language, seconds),
                    status: .tooManyRequests)
                response.headers[.retryAfter] = seconds
                return response
            }
            let found = try await portal.pool.run {
                Result { () throws -> (DeviceGrants.Pending, SSOClients.Client)? in
                    guard let pending = try portal.deviceGrants.pending(userCode: code),
                        let client = try portal.ssoClients.client(pending.clientID), !client.disabled
                    else {
                        try throttle.recordFailure([("device", userID)], at: Date())
                        return nil
                    }
                    return (pending, client)
                }
            }.get()
            guard let (pending, client) = found else {
                return await page(
                    request, context, code: code, message: portal.localizer.text("device.unknown", language), status: .badRequest)
            }
            guard let school = identity.school, client.schoolIDs.contains(school.id) else {
                throw PageError(.forbidden, portal.localizer.text("refusal.sso_school_scope", language))
            }
            if let decision = form["decision"] {
                let approve = decision == "allow"
                try await portal.pool.run {
                    Result {
                        try portal.deviceGrants.decide(
                            userCode: pending.userCode, userID: identity.userID, schoolID: school.id, approve: approve)
                        // An approved device shows among the user's connected tools, where they withdraw it.
                        if approve { try portal.ssoConsents.record(user: identity.userID, client: client.id, scope: pending.scope) }
                    }
                }.get()
                let done = portal.localizer.text(approve ? "device.approved" : "device.denied", language, client.name)
                return .html(
                    await portal.page(
                        title: portal.localizer.text("device.title", language), fragment: ConsoleHTML.paragraph(done, role: "status"),
                        language: language, context: context))
            }
            let consent = ConsentPage(localizer: portal.localizer, language: language)
                .render(
                    client: client, scope: pending.scope, params: ["user_code": pending.userCode], csrf: context.csrfToken,
                    action: "/device")
            return .html(
                await portal.page(
                    title: portal.localizer.text("sso.consent_title", language, client.name), fragment: consent, language: language,
                    context: context))
        }
    }

    private func page(
        _ request: Request, _ context: PortalRequestContext, code: String, message: String?, status: HTTPResponse.Status
    ) async -> Response {
        let language = context.language(request)
        let t = { (key: String) in portal.localizer.text(key, language) }
        let form: HTML = """
            \(AuthPages.alert(message))<p>\(t("device.help"))</p><form method="post" action="/device"><input type="hidden" name="_csrf" value="\(context.csrfToken)">\
            <p><label for="user_code">\(t("device.code"))</label> <input id="user_code" name="user_code" required autocomplete="off" autocapitalize="characters" \
            value="\(code)"> <button type="submit">\(t("device.continue"))</button></p></form>
            """
        return .html(
            await portal.page(title: portal.localizer.text("device.title", language), fragment: form, language: language, context: context),
            status: status)
    }
}
