// ProfileVisibilityTests: who sees whose profile and which fields, and avatars checked, re-encoded or refused.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Profiles of others and avatars")
struct ProfileVisibilityTests {
    let workspace: PluginWorkspace
    let database: HostDatabase

    init() throws {
        workspace = try PluginWorkspace()
        database = try workspace.seedDemo()
        // Chloé has an email, a birth date and a motto, and shows only her motto.
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE users SET email = 'chloe@example.org', birth_date = '2012-03-04', motto = 'Toujours curieuse',
                        show_email = 0, show_birth_date = 0, show_motto = 1 WHERE login = 'chloe.petit'
                    """)
        }
    }

    func user(_ login: String) throws -> String {
        try #require(
            try database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ?", arguments: [login]) })
    }

    @Test func visibilityFollowsRelationAndChoices() async throws {
        let chloe = try user("chloe.petit"), lea = try user("lea.martin"), ines = try user("ines.moreau")
        try await workspace.portal().withClient { client in
            #expect(try await client.get("/profile/\(chloe)").headers[.location] == "/auth/login", "anonymous visitors log in first")

            // A pupil of the same school: name, profile, class and motto; not what Chloé hides.
            let classmate = try await client.logInDemo("lea.martin")
            let seen = try await client.get("/profile/\(chloe)", headers: classmate.headers)
            #expect(seen.status == .ok)
            #expect(seen.text.contains("<h1>Chloé Petit</h1>"))
            #expect(seen.text.contains("Élève"))
            #expect(seen.text.contains("Toujours curieuse"))
            #expect(!seen.text.contains("chloe@example.org"))
            #expect(!seen.text.contains("2012-03-04"))
            #expect(!seen.text.contains("Anonymiser"), "only admins get the anonymize link")
            #expect(try await client.get("/profile/\(lea)", headers: classmate.headers).headers[.location] == "/profile")

            // A pupil of another school sees nothing, exactly as for an unknown id.
            let other = try await client.logInDemo("ines.moreau")
            let hidden = try await client.get("/profile/\(chloe)", headers: other.headers)
            #expect(hidden.status == .notFound)
            #expect(try await client.get("/profile/no-such-user", headers: other.headers).status == .notFound)

            // A teacher of both schools sees pupils of both.
            let teacher = try await client.logInDemo("paul.durand")
            #expect(try await client.get("/profile/\(ines)", headers: teacher.headers).status == .ok)
            #expect(try await client.get("/profile/\(chloe)", headers: teacher.headers).status == .ok)

            // Her parent and her school's admin see every field.
            let parent = try await client.logInDemo("claire.petit")
            let asParent = try await client.get("/profile/\(chloe)", headers: parent.headers)
            #expect(asParent.text.contains("chloe@example.org"))
            #expect(asParent.text.contains("2012-03-04"))
            let admin = try await client.logInDemo("sophie.bernard")
            let asAdmin = try await client.get("/profile/\(chloe)", headers: admin.headers)
            #expect(asAdmin.text.contains("chloe@example.org"))
            #expect(asAdmin.text.contains("href=\"/admin/users/\(chloe)/anonymize\""))

            // When Chloé allows it, her classmates see her email too.
            let own = try await client.logInDemo("chloe.petit")
            _ = try await client.post("/profile", "display_name=Chlo%C3%A9+Petit&motto=&show_email=1", headers: own.form)
            let now = try await client.get("/profile/\(chloe)", headers: classmate.headers)
            #expect(now.text.contains("chloe@example.org"))
            #expect(!now.text.contains("Toujours curieuse"), "an emptied motto is gone")
        }
    }

    @Test func avatarsAreReencodedStrippedAndShownOnlyToThoseWhoMaySee() async throws {
        let lea = try user("lea.martin")
        try await workspace.portal().withClient { client in
            let session = try await client.logInDemo("lea.martin")
            let upload = { (file: [UInt8], type: String) in
                let (body, contentType) = TestImages.multipart(csrf: session.csrf, file: file, type: type)
                return try await client.execute(
                    uri: "/profile/avatar", method: .post, headers: [.cookie: session.cookie, .contentType: contentType],
                    body: ByteBuffer(bytes: body))
            }
            let jpeg = TestImages.jpegWithLocation("SECRET-PLACE")
            #expect(String(decoding: jpeg, as: UTF8.self).contains("SECRET-PLACE"))
            let saved = try await upload(jpeg + Array("<script>alert(1)</script>".utf8), "image/jpeg")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/profile?avatar=1")

            let picture = try await client.get("/profile/\(lea)/avatar", headers: session.headers)
            #expect(picture.status == .ok)
            #expect(picture.headers[.contentType] == "image/png")
            #expect(picture.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            let png = Array(buffer: picture.body)
            #expect(TestImages.pngSize(png).map { [$0.0, $0.1] } == [256, 256], "cropped to a square and scaled")
            let text = String(decoding: png, as: UTF8.self)
            #expect(!text.contains("SECRET-PLACE"), "EXIF metadata is gone")
            #expect(!text.contains("<script>"), "nothing appended survives")
            let page = try await client.get("/profile", headers: session.headers)
            #expect(page.text.contains("src=\"/profile/\(lea)/avatar\""))
            #expect(page.text.contains("alt=\"Avatar de Léa Martin\""))

            // Classmates see it; a pupil of another school does not.
            let classmate = try await client.logInDemo("chloe.petit")
            #expect(try await client.get("/profile/\(lea)/avatar", headers: classmate.headers).status == .ok)
            let stranger = try await client.logInDemo("ines.moreau")
            #expect(try await client.get("/profile/\(lea)/avatar", headers: stranger.headers).status == .notFound)

            // Refusals keep the avatar already stored.
            let gif = try await upload(Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 64), "image/gif")
            #expect(gif.status == .unprocessableContent)
            #expect(gif.text.contains("Seules les images PNG et JPEG sont acceptées."))
            let fake = try await upload(Array("<html><script>alert(1)</script></html>".utf8), "image/png")
            #expect(fake.status == .unprocessableContent)
            let bomb = try await upload(TestImages.pngBomb(), "image/png")
            #expect(bomb.status == .unprocessableContent)
            #expect(bomb.text.contains("6000 × 6000"))
            let truncated = try await upload(Array(TestImages.png().prefix(120)), "image/png")
            #expect(truncated.status == .unprocessableContent)
            #expect(truncated.text.contains("illisible"))
            let huge = try await upload(TestImages.png() + [UInt8](repeating: 0, count: 3 << 20), "image/png")
            #expect(huge.status == .contentTooLarge)
            let unchanged = try await client.get("/profile/\(lea)/avatar", headers: session.headers)
            #expect(Array(buffer: unchanged.body) == png, "no refused upload replaced the avatar")

            // Without the CSRF field the upload is refused before anything is read.
            let (body, contentType) = TestImages.multipart(csrf: "wrong", file: TestImages.png(), type: "image/png")
            let forged = try await client.execute(
                uri: "/profile/avatar", method: .post, headers: [.cookie: session.cookie, .contentType: contentType],
                body: ByteBuffer(bytes: body))
            #expect(forged.status == .forbidden)

            let removed = try await client.post("/profile/avatar/delete", "", headers: session.form)
            #expect(removed.status == .seeOther)
            #expect(try await client.get("/profile/\(lea)/avatar", headers: session.headers).status == .notFound)
            let actions = try await database.read { db in
                try String.fetchAll(
                    db, sql: "SELECT action FROM audit_log WHERE actor_id = ? AND action LIKE 'avatar.%' ORDER BY id", arguments: [lea])
            }
            #expect(actions == ["avatar.update", "avatar.remove"])
        }
    }
}
