// PasswordResetRoutes: /auth/forgot (ask for a link, or whom to ask) and /auth/reset (choose a new password from the link).
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import HTTPTypes
import PluginRuntime

/// A forgotten password. The answer to a request is the same whatever the login, and the mail
/// goes out in the background, so neither the page nor its timing tells which logins exist.
struct PasswordResetRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/auth/forgot") { request, context in
            let schools = try await schoolList()
            return await AuthRoutes(portal: portal).page(request, context: context, title: "reset.title") {
                $0.forgot(csrf: context.csrfToken, login: "", schools: schools, chosen: nil, mailEnabled: portal.mail != nil)
            }
        }
        router.post("/auth/forgot") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let login = String((form["login"] ?? "").prefix(200)), uai = (form["school"] ?? "").uppercased()
            let language = context.language(request), address = context.address
            let links = portal.accountLinks, directory = portal.directory, admins = portal.adminFunctions
            let mailEnabled = portal.mail != nil
            let (link, school, names) = try await portal.pool.run {
                Result { () throws -> (AccountLinks.Link?, String?, [String]) in
                    let link = mailEnabled ? try links.requestReset(login: login, address: address) : nil
                    guard !uai.isEmpty, let school = try directory.school(uai: uai) else { return (link, nil, []) }
                    return (link, school.name, try admins.holders(.school, scopeID: school.id).map(\.name))
                }
            }.get()
            if let link, let mail = portal.mail {
                mail.post(
                    AccountMail(localizer: portal.localizer, base: portal.configuration.issuer).reset(link, fallback: language),
                    what: "reset link")
            }
            return await AuthRoutes(portal: portal).page(request, context: context, title: "reset.title") {
                $0.forgotAnswer(mailEnabled: mailEnabled, school: school, admins: names)
            }
        }
        router.get("/auth/reset") { request, context in
            let token = String(request.uri.queryParameters.get("token") ?? "")
            let links = portal.accountLinks
            guard let account = try await portal.pool.run({ Result { try links.resetAccount(token: token) } }).get() else {
                return await spent(request, context: context)
            }
            // The token is in this page's address; the portal's Referrer-Policy (same-origin) keeps it from other sites.
            return await AuthRoutes(portal: portal).page(request, context: context, title: "reset.choose_title") {
                $0.reset(csrf: context.csrfToken, token: token, login: account.login, error: nil)
            }
        }
        router.post("/auth/reset") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let token = form["token"] ?? "", password = form["password"] ?? ""
            let links = portal.accountLinks, address = context.address
            guard let account = try await portal.pool.run({ Result { try links.resetAccount(token: token) } }).get() else {
                return await spent(request, context: context)
            }
            let outcome = await AuthRoutes.whenTypedTwice(form) {
                await portal.blocking.run { Result { try links.reset(token: token, password: password, address: address) } }
            }
            switch outcome {
            case .success(let userID):
                return try await AuthRoutes(portal: portal).openSession(userID: userID, context: context, then: "/profile?password=1")
            case .failure(let refusal as Authenticator.Refusal) where refusal.key == "reset.invalid":
                return await spent(request, context: context)
            case .failure(let refusal as Authenticator.Refusal):
                let message = portal.localizer.text(refusal.key, context.language(request))
                return await AuthRoutes(portal: portal).page(
                    request, context: context, title: "reset.choose_title", status: .unprocessableContent
                ) { $0.reset(csrf: context.csrfToken, token: token, login: account.login, error: message) }
            case .failure(let error):
                throw error
            }
        }
    }

    /// The schools to choose from, by name.
    private func schoolList() async throws -> [(uai: String, name: String)] {
        let directory = portal.directory
        return try await portal.pool.run {
            Result { try directory.schools().map { (uai: $0.uai, name: $0.name) }.sorted { $0.name < $1.name } }
        }.get()
    }

    /// A link that is spent, expired, or was never sent: 404, with the way to ask for another.
    private func spent(_ request: Request, context: PortalRequestContext) async -> Response {
        await AuthRoutes(portal: portal).page(request, context: context, title: "reset.title", status: .notFound) {
            $0.spentLink(retry: "/auth/forgot", retryLabel: "reset.again")
        }
    }
}
