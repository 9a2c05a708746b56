// CASRoutes: the CAS 3.0 server — /cas/login (service, renew, gateway), /cas/serviceValidate, /cas/p3/serviceValidate (attributes), /cas/logout; XML or JSON.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import PluginRuntime

/// CAS protocol 3.0. The service URL must be exactly one a CAS service registered in the
/// console; tickets are single use and live `casTicketLifetime` seconds. `cas:user` is the
/// login (a "public" service) or the pairwise identifier; `/p3/serviceValidate` adds the
/// attributes of the service's scopes. `format=JSON` answers JSON instead of XML.
struct CASRoutes {
    let portal: Portal
    /// A session this young counts as a fresh login for `renew`.
    static let freshLogin: TimeInterval = 120

    var tickets: CASTickets { portal.casTickets }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/cas/login") { request, context in
            try await login(request, context: context)
        }
        router.get("/cas/serviceValidate") { request, _ in
            try await validate(request, attributes: false)
        }
        router.get("/cas/p3/serviceValidate") { request, _ in
            try await validate(request, attributes: true)
        }
        // A GET only asks: an image or a link in someone's comment must not log its readers out.
        router.get("/cas/logout") { request, context in
            let service = request.uri.queryParameters.get("service").map { String($0) }
            let destination = try await logoutDestination(service)
            guard context.identity != nil else { return Response(status: .seeOther, headers: [.location: destination]) }
            return await AuthRoutes(portal: portal).page(request, context: context, title: "sso.logout_title") {
                $0.logoutConfirmation(
                    action: "/cas/logout", csrf: context.csrfToken, hidden: service.map { [(name: "service", value: $0)] } ?? [])
            }
        }
        router.post("/cas/logout") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            return await AuthRoutes(portal: portal).logOut(context, then: try await logoutDestination(form["service"]))
        }
    }

    /// Back to the service only when it is a registered one; else the login page.
    private func logoutDestination(_ service: String?) async throws -> String {
        let tickets = self.tickets
        guard let service, try await portal.pool.run({ Result { try tickets.service(service) } }).get() != nil else { return "/auth/login" }
        return service
    }

    func login(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let language = context.language(request)
        let params = parseFormURLEncoded(request.uri.query ?? "")
        guard let service = params["service"], !service.isEmpty else {
            // No service: the portal itself.
            return Response(status: .seeOther, headers: [.location: context.identity == nil ? "/auth/login" : "/"])
        }
        let tickets = self.tickets
        guard let client = try await portal.pool.run({ Result { try tickets.service(service) } }).get() else {
            throw PageError(.badRequest, portal.localizer.text("cas.error.service", language))
        }
        let renew = params["renew"] == "true", gateway = params["gateway"] == "true"
        let fresh = context.session.map { Date().timeIntervalSince($0.createdAt) < Self.freshLogin } ?? false
        guard let identity = context.identity, !renew || fresh else {
            // gateway: never ask for credentials, go back without a ticket.
            if gateway, !renew { return Response(status: .seeOther, headers: [.location: service]) }
            return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: request.uri.description)])
        }
        guard let school = identity.school, client.schoolIDs.contains(school.id) else {
            throw PageError(.forbidden, portal.localizer.text("refusal.sso_school_scope", language))
        }
        let ticket = try await portal.pool.run {
            Result {
                try tickets.issue(client: client, service: service, userID: identity.userID, schoolID: school.id, primaryLogin: fresh)
            }
        }.get()
        return Response(status: .seeOther, headers: [.location: service + (service.contains("?") ? "&" : "?") + "ticket=" + ticket])
    }

    func validate(_ request: Request, attributes: Bool) async throws -> Response {
        let params = parseFormURLEncoded(request.uri.query ?? "")
        let json = params["format"]?.uppercased() == "JSON"
        let tickets = self.tickets, portal = self.portal
        let outcome: Result<(String, [String: ClaimValue]), any Error> = await portal.pool.run {
            Result {
                let valid = try tickets.validate(
                    ticket: params["ticket"] ?? "", service: params["service"] ?? "", renew: params["renew"] == "true")
                guard let client = try portal.ssoClients.client(valid.clientID), !client.disabled else {
                    throw CASTickets.Failure(code: "INVALID_SERVICE", message: "the service was disabled")
                }
                var claims = try portal.oidcClaims.claims(
                    userID: valid.userID, schoolID: valid.schoolID, client: client, scope: client.scopes)
                let user: String
                if client.subjectType == "public" {
                    user = try portal.directory.login(userID: valid.userID) ?? valid.userID
                } else if case .string(let sub)? = claims["sub"] {
                    user = sub
                } else {
                    user = valid.userID
                }
                claims.removeValue(forKey: "sub")
                return (user, attributes ? claims : [:])
            }
        }
        switch outcome {
        case .success(let (user, claims)):
            return json ? Self.jsonSuccess(user, claims) : Self.xmlSuccess(user, claims)
        case .failure(let failure as CASTickets.Failure):
            return json ? Self.jsonFailure(failure) : Self.xmlFailure(failure)
        case .failure(let error):
            return json
                ? Self.jsonFailure(.init(code: "INTERNAL_ERROR", message: "\(error)"))
                : Self.xmlFailure(.init(code: "INTERNAL_ERROR", message: "\(error)"))
        }
    }

    static func xml(_ body: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "no-store"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string: "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">\n\(body)</cas:serviceResponse>\n")))
    }

    static func xmlSuccess(_ user: String, _ claims: [String: ClaimValue]) -> Response {
        var attributes = ""
        for (name, value) in claims.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .string(let text): attributes += "<cas:\(name)>\(escapeHTML(text))</cas:\(name)>\n"
            case .strings(let list): attributes += list.map { "<cas:\(name)>\(escapeHTML($0))</cas:\(name)>\n" }.joined()
            }
        }
        let block = attributes.isEmpty ? "" : "<cas:attributes>\n\(attributes)</cas:attributes>\n"
        return xml("<cas:authenticationSuccess>\n<cas:user>\(escapeHTML(user))</cas:user>\n\(block)</cas:authenticationSuccess>\n")
    }

    static func xmlFailure(_ failure: CASTickets.Failure) -> Response {
        xml("<cas:authenticationFailure code=\"\(failure.code)\">\(escapeHTML(failure.message))</cas:authenticationFailure>\n")
    }

    static func jsonBody(_ object: [String: Any]) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: ["serviceResponse": object], options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func jsonSuccess(_ user: String, _ claims: [String: ClaimValue]) -> Response {
        var attributes: [String: Any] = [:]
        for (name, value) in claims {
            switch value {
            case .string(let text): attributes[name] = [text]
            case .strings(let list): attributes[name] = list
            }
        }
        var success: [String: Any] = ["user": user]
        if !attributes.isEmpty { success["attributes"] = attributes }
        return jsonBody(["authenticationSuccess": success])
    }

    static func jsonFailure(_ failure: CASTickets.Failure) -> Response {
        jsonBody(["authenticationFailure": ["code": failure.code, "description": failure.message]])
    }
}
