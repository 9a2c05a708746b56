// ProfileRoutes: /profile (own profile, avatar, RGPD export) and /profile/<id> (someone else's, as allowed).
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostLocales
import HostStorage
import HTTPTypes
import Hummingbird
import PluginRuntime

struct ProfileRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/profile") { request, context in
            guard let identity = context.identity else { return Response(status: .seeOther, headers: [.location: "/auth/login"]) }
            let notice = [
                "saved": "profile.saved", "avatar": "avatar.saved", "avatar_removed": "avatar.removed", "password": "password.changed",
                "confirmation": "email.link_sent", "email": "email.confirmed",
            ]
            .first { request.uri.queryParameters.get($0.key) != nil }?.value
            return try await ownPage(request, context: context, userID: identity.userID, message: notice, isError: false, status: .ok)
        }
        router.post("/profile") { request, context in
            let userID = try context.requireUser()
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            guard var profile = try await portal.pool.run({ Result { try portal.ownProfile(userID: userID) } }).get() else {
                throw HTTPError(.notFound)
            }
            profile.displayName = form["display_name"] ?? ""
            profile.motto = form["motto"] ?? ""
            profile.language = form["language"].flatMap { $0.isEmpty ? nil : $0 }
            profile.showEmail = form["show_email"] == "1"
            profile.showBirthDate = form["show_birth_date"] == "1"
            profile.showMotto = form["show_motto"] == "1"
            if let problem = profile.violation() {
                return try await ownPage(
                    request, context: context, userID: userID, edited: profile, message: problem, isError: true, status: .badRequest)
            }
            let edited = profile
            try await portal.pool.run { Result { try portal.save(edited, userID: userID) } }.get()
            portal.sessionCache.forget(userID: userID)
            return Response(status: .seeOther, headers: [.location: "/profile?saved=1"])
        }
        router.post("/profile/avatar") { request, context in
            let userID = try context.requireUser()
            var request = request
            let refuse = { (key: String, status: HTTPResponse.Status) in
                try await ownPage(request, context: context, userID: userID, message: key, isError: true, status: status)
            }
            guard let boundary = MultipartBody.boundary(of: request.headers[.contentType]) else {
                return try await refuse("avatar.form", .badRequest)
            }
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: AvatarImage.maxBytes + 64 * 1024)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return try await refuse("avatar.too_large", .contentTooLarge)
            }
            guard let form = try? MultipartBody(Data(body.readableBytesView), boundary: boundary), let part = form["avatar"] else {
                return try await refuse("avatar.form", .badRequest)
            }
            let address = context.address
            let outcome = await portal.blocking.run {
                Result { () throws -> String? in
                    do {
                        let png = try AvatarImage.reencode([UInt8](part.data))
                        try portal.saveAvatar(png, userID: userID, address: address)
                        return nil
                    } catch let refusal as AvatarImage.Refusal {
                        return refusal.key
                    }
                }
            }
            if let key = try outcome.get() {
                return try await refuse(key, key == "avatar.too_large" ? .contentTooLarge : .unprocessableContent)
            }
            return Response(status: .seeOther, headers: [.location: "/profile?avatar=1"])
        }
        router.post("/profile/avatar/delete") { _, context in
            let userID = try context.requireUser()
            let address = context.address
            try await portal.pool.run { Result { try portal.removeAvatar(userID: userID, address: address) } }.get()
            return Response(status: .seeOther, headers: [.location: "/profile?avatar_removed=1"])
        }
        router.get("/profile/export") { _, context in
            let userID = try context.requireUser()
            let personalData = portal.personalData
            let address = context.address
            let json = try await portal.blocking.run { Result { try personalData.export(userID: userID, address: address) } }.get()
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json; charset=utf-8", .contentDisposition: "attachment; filename=\"cartable-export.json\"",
                    .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        router.get("/profile/:id") { request, context in
            guard let identity = context.identity else { return Response(status: .seeOther, headers: [.location: "/auth/login"]) }
            let personID = context.parameters.get("id") ?? ""
            if personID == identity.userID { return Response(status: .seeOther, headers: [.location: "/profile"]) }
            guard
                let person = try await portal.pool.run({
                    Result { try portal.visibleProfile(of: personID, to: identity.userID) }
                }).get()
            else {
                throw HTTPError(.notFound, message: "no such profile, or not one you may see")
            }
            let language = context.language(request)
            let body = ProfilePage(localizer: portal.localizer, language: language).other(person, csrf: context.csrfToken)
            return .html(
                await portal.page(
                    title: person.isAnonymized ? portal.localizer.text("profile.anonymized_title", language) : person.displayName,
                    fragment: body, language: language, context: context))
        }
        router.get("/profile/:id/avatar") { _, context in
            guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
            let personID = context.parameters.get("id") ?? ""
            let png = try await portal.pool.run {
                Result { () throws -> [UInt8]? in
                    try portal.avatar(of: personID, to: identity.userID)
                }
            }.get()
            guard let png else { throw HTTPError(.notFound, message: "no avatar") }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "image/png", .cacheControl: "private, max-age=300", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                    .contentSecurityPolicy: "default-src 'none'",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: png)))
        }
    }

    private func ownPage(
        _ request: Request, context: PortalRequestContext, userID: String, edited: OwnProfile? = nil, message: String?, isError: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let links = portal.accountLinks
        let loaded = try await portal.pool.run {
            Result { () throws -> (OwnProfile, Bool, MailAccount?)? in
                guard let profile = try portal.ownProfile(userID: userID) else { return nil }
                return (profile, try portal.hasAvatar(userID: userID), try links.mailAccount(userID: userID))
            }
        }.get()
        guard let (stored, hasAvatar, account) = loaded else { throw HTTPError(.notFound) }
        let email = account?.email.map { (address: $0, confirmed: account?.emailConfirmed == true) }
        let language = context.language(request)
        let text = message.map { portal.localizer.text($0, language) }
        let body = ProfilePage(localizer: portal.localizer, language: language)
            .form(
                edited ?? stored, userID: userID, hasAvatar: hasAvatar, identity: context.identity, csrf: context.csrfToken, message: text,
                isError: isError, email: email, mailEnabled: portal.mail != nil)
        return .html(
            await portal.page(
                title: portal.localizer.text("profile.title", language), fragment: body, language: language, context: context),
            status: status)
    }
}
