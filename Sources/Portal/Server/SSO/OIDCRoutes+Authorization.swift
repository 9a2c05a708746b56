// OIDCRoutes+Authorization: the authorization endpoint: checks, login first, the school the tool is open to, consent, the code.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import HTTPTypes
import Hummingbird
import PluginRuntime

extension OIDCRoutes {
    /// Checks the request, then: log in first, refuse a school the tool is not open to, ask for consent, or give a code.
    func authorize(_ params: [String: String], request: Request, context: PortalRequestContext, decision: Bool?) async throws -> Response {
        let language = context.language(request)
        let clients = portal.ssoClients
        let clientID = params["client_id"] ?? "", redirect = params["redirect_uri"] ?? ""
        let client = try await portal.pool.run { Result { try clients.client(clientID) } }.get()
        // Never redirect to an address the tool did not register: an error page instead.
        guard let client, !client.disabled, client.kind == "oidc" else {
            throw PageError(.badRequest, portal.localizer.text("sso.error.client", language))
        }
        guard client.redirectURIs.contains(redirect) else {
            throw PageError(.badRequest, portal.localizer.text("sso.error.redirect", language))
        }
        let state = params["state"]
        // The request's own parameters, as a login or the consent form sends them back.
        let asked = params.filter { $0.key != "_csrf" && $0.key != "decision" }
        let issuer = self.issuer
        let fail = { (code: String, description: String) in
            Self.redirect(redirect, ["error": code, "error_description": description, "state": state, "iss": issuer])
        }
        guard params["response_type"] == "code" else { return fail("unsupported_response_type", "only response_type=code is supported") }
        let scope = (params["scope"] ?? "").split(separator: " ").map(String.init)
        guard scope.contains("openid") else { return fail("invalid_scope", "the scope must contain openid") }
        let notAllowed = scope.filter { !client.scopes.contains($0) }
        guard notAllowed.isEmpty else { return fail("invalid_scope", "this client may not ask for: \(notAllowed.joined(separator: " "))") }
        let challenge = params["code_challenge"]
        if challenge != nil, params["code_challenge_method"] != "S256" {
            return fail("invalid_request", "code_challenge_method must be S256")
        }
        if client.isPublic, challenge == nil { return fail("invalid_request", "a public client must use PKCE (code_challenge with S256)") }
        let prompts = Set((params["prompt"] ?? "").split(separator: " ").map(String.init))
        guard let identity = context.identity else {
            if prompts.contains("none") { return fail("login_required", "the user is not logged in") }
            let back = request.method == .get ? request.uri.description : "/oauth2/authorize?" + formURLEncoded(asked)
            return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: back)])
        }
        // prompt=login, or a login older than max_age: the user logs in again, then comes back (without prompt=login).
        let loggedInAt = context.session?.createdAt ?? Date()
        let tooOld = params["max_age"].flatMap(Int.init).map { Date().timeIntervalSince(loggedInAt) > Double($0) } ?? false
        if prompts.contains("login") || tooOld {
            if prompts.contains("none") { return fail("login_required", "the user must log in again") }
            var again = asked
            let remaining = prompts.subtracting(["login"]).sorted().joined(separator: " ")
            again["prompt"] = remaining.isEmpty ? nil : remaining
            return Response(
                status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: "/oauth2/authorize?" + formURLEncoded(again))])
        }
        guard let school = identity.school, client.schoolIDs.contains(school.id) else {
            return fail("access_denied", "this tool is not open to the user's school")
        }
        let grants = portal.oauthGrants
        let consented = try await portal.pool.run {
            Result { try portal.ssoConsents.covers(user: identity.userID, client: client.id, scope: scope) }
        }.get()
        if !client.firstParty, !consented || prompts.contains("consent") {
            switch decision {
            case nil:
                if prompts.contains("none") { return fail("consent_required", "the user has not agreed to this tool yet") }
                let page = ConsentPage(localizer: portal.localizer, language: language)
                    .render(client: client, scope: scope, params: asked, csrf: context.csrfToken)
                return .html(
                    await portal.page(
                        title: portal.localizer.text("sso.consent_title", language, client.name), fragment: page,
                        language: language, context: context))
            case false?:
                return fail("access_denied", "the user refused")
            case true?:
                try await portal.pool.run {
                    Result { try portal.ssoConsents.record(user: identity.userID, client: client.id, scope: scope) }
                }.get()
            }
        } else if client.firstParty, !consented {
            // No question asked of a first-party tool, but the user sees it among their connected tools and may withdraw it.
            try await portal.pool.run { Result { try portal.ssoConsents.record(user: identity.userID, client: client.id, scope: scope) } }
                .get()
        }
        let code = try await portal.pool.run {
            Result {
                try grants.issueCode(
                    clientID: client.id, userID: identity.userID, schoolID: school.id, redirectURI: redirect, scope: scope,
                    nonce: params["nonce"], codeChallenge: challenge, authTime: loggedInAt)
            }
        }.get()
        return Self.redirect(redirect, ["code": code, "state": state, "iss": issuer])
    }
}
