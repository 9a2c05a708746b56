// ProfileRoutes: GET and POST /profile — a logged-in user views and edits their own profile.
import CartableText
import Foundation
import Hummingbird

struct ProfileRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/profile") { request, context in
            guard let session = context.session else { return Response(status: .seeOther, headers: [.location: "/auth/login"]) }
            let database = portal.database
            guard let profile = try await portal.pool.run({ Result { try OwnProfile.load(userID: session.userID, database: database) } }).get() else {
                throw HTTPError(.notFound)
            }
            let saved = request.uri.queryParameters.get("saved") != nil
            return page(request, profile, csrf: context.csrfToken, message: saved ? "profile.saved" : nil, isError: false, status: .ok)
        }
        router.post("/profile") { request, context in
            guard let session = context.session else { throw HTTPError(.unauthorized, message: "log in first") }
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let database = portal.database
            guard var profile = try await portal.pool.run({ Result { try OwnProfile.load(userID: session.userID, database: database) } }).get() else {
                throw HTTPError(.notFound)
            }
            profile.displayName = form["display_name"] ?? ""
            profile.motto = form["motto"] ?? ""
            profile.showEmail = form["show_email"] == "1"
            profile.showBirthDate = form["show_birth_date"] == "1"
            profile.showMotto = form["show_motto"] == "1"
            if let problem = profile.violation() {
                return page(request, profile, csrf: context.csrfToken, message: problem, isError: true, status: .badRequest)
            }
            let edited = profile
            try await portal.pool.run { Result { try edited.save(userID: session.userID, database: database) } }.get()
            return Response(status: .seeOther, headers: [.location: "/profile?saved=1"])
        }
    }

    private func page(_ request: Request, _ profile: OwnProfile, csrf: String, message: String?, isError: Bool, status: HTTPResponse.Status) -> Response {
        let language = Localizer.negotiate(acceptLanguage: request.headers[.acceptLanguage])
        let text = message.map { portal.localizer.text($0, language) }
        let body = ProfilePage(localizer: portal.localizer, language: language).form(profile, csrf: csrf, message: text, isError: isError)
        let html = PortalPage(localizer: portal.localizer).render(
            title: portal.localizer.text("profile.title", language), fragment: body, language: language, apps: portal.apps, currentApp: nil)
        return .html(html, status: status)
    }
}
