// BlogsTestKit: a demo portal with the real blogs plugin (.so) loaded, and the form posts its pages send.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Portal
import Testing

/// The demo directory, the blogs plugin built by `make plugins`, and helpers that act as a browser would.
struct BlogsTestKit {
    let workspace: PluginWorkspace
    let database: HostDatabase
    let portal: Portal

    init(extraPlugins: (PluginWorkspace) throws -> Void = { _ in }) throws {
        workspace = try PluginWorkspace()
        try workspace.installBuilt("blogs", version: "1.0.0")
        try extraPlugins(workspace)
        database = try workspace.seedDemo()
        portal = try workspace.portal()
    }

    func id(ofUser login: String) async throws -> String {
        try #require(
            try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ?", arguments: [login]) })
    }

    /// A class of a demo school, by UAI and name.
    func classID(_ name: String, school uai: String = "0750001A") async throws -> String {
        try #require(
            try await database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT c.id FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.uai = ? AND c.name = ?",
                    arguments: [uai, name])
            })
    }

    /// A profile group of a class ("Student", "Relative", "Teacher").
    func groupID(ofClass classID: String, profile: String) async throws -> String {
        try #require(
            try await database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT id FROM groups WHERE class_id = ? AND kind = 'profile' AND profile = ?", arguments: [classID, profile])
            })
    }

    /// Form fields, url-encoded.
    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}

/// What a browser does on the blog pages.
struct BlogBrowser {
    let client: any TestClientProtocol

    func post(_ path: String, _ fields: [(String, String)], as who: LoggedIn) async throws -> TestResponse {
        try await client.post(path, BlogsTestKit.encode([("_csrf", who.csrf)] + fields), headers: who.form)
    }

    func page(_ path: String, as who: LoggedIn?) async throws -> TestResponse {
        var headers: HTTPFields = who?.headers ?? [:]
        headers[.accept] = "text/html"
        return try await client.get(path, headers: headers)
    }

    /// The id at the end of a redirect's location (`…/blogs/<id>` or `…/posts/<id>`).
    static func createdID(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location], "no redirect: \(response.status) \(response.text.prefix(300))")
        return String(try #require(location.split(separator: "#").first?.split(separator: "/").last))
    }

    /// Creates a blog (optionally shared with a class) and returns its id.
    func createBlog(
        _ title: String, as who: LoggedIn, classID: String? = nil, studentRight: String = "comment", moderated: Bool = false,
        description: String = ""
    ) async throws -> String {
        var fields = [("title", title), ("description", description), ("class", classID ?? ""), ("student_right", studentRight)]
        if moderated { fields.append(("moderated", "on")) }
        let response = try await post("/apps/blogs/blogs", fields, as: who)
        #expect(response.status == .seeOther, "creating \(title): \(response.status) \(response.text.prefix(300))")
        return try Self.createdID(response)
    }

    /// Writes a post with `intent` (draft, submit, publish) and returns its id.
    func write(
        _ title: String, body: String = "Du texte.", in blog: String, as who: LoggedIn, intent: String = "draft"
    ) async throws -> String {
        let response = try await post("/apps/blogs/blogs/\(blog)/posts", [("title", title), ("body", body), ("intent", intent)], as: who)
        #expect(response.status == .seeOther, "writing \(title): \(response.status) \(response.text.prefix(300))")
        return try Self.createdID(response)
    }

    func share(_ blog: String, with target: String, right: String, as who: LoggedIn) async throws -> TestResponse {
        try await post("/apps/blogs/blogs/\(blog)/shares", [("target", target), ("right", right)], as: who)
    }

    /// The `<main>` of a page, where the app's content is.
    static func main(_ response: TestResponse) -> String {
        let text = response.text
        guard let start = text.range(of: "<main"), let end = text.range(of: "</main>") else { return text }
        return String(text[start.lowerBound..<end.upperBound])
    }
}
