// PortalClient: runs a test against the real portal router with plugins loaded from .so files.
import Foundation
import HostDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting

extension Portal {
    /// Runs `body` with a client of this portal's router (in process, no socket).
    func withClient<T: Sendable>(
        extraRoutes: (Router<PortalRequestContext>) -> Void = { _ in }, _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let router = PortalApplication.router(portal: self)
        extraRoutes(router)
        let app = Application(router: router)
        return try await app.test(.router) { client in try await body(client) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The JSON body as a dictionary.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text)")
    }
}

import Portal
import Testing

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    /// A POST as the portal's own pages send it: unless the caller brings its own cookie,
    /// with the anonymous CSRF cookie and its token in the header.
    func post(_ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if headers[.cookie] == nil {
            headers[.cookie] = "cartable_csrf=\(Self.anonymousCSRF)"
            if headers[CSRFHeader.name] == nil { headers[CSRFHeader.name] = Self.anonymousCSRF }
        }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static var anonymousCSRF: String { PortalTestClient.anonymousCSRF }
}

enum CSRFHeader {
    static let name = HTTPField.Name("X-CSRF-Token")!
}

/// Values shared by the HTTP tests.
enum PortalTestClient {
    /// The anonymous double-submit token the helpers send (cookie and header).
    static let anonymousCSRF = String(repeating: "a", count: 43)
}

extension TestClientProtocol {
    /// Logs in through the login form; returns the session cookie and the session's CSRF token
    /// as read from the home page.
    func logIn(_ login: String, password: String) async throws -> (cookie: String, csrf: String) {
        let anonymous = PortalTestClient.anonymousCSRF
        let response = try await post(
            "/auth/login", "_csrf=\(anonymous)&login=\(login)&password=\(password)",
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "cartable_csrf=\(anonymous)"])
        let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("cartable_session=") }
        let cookie = try #require(setCookie?.split(separator: ";").first.map(String.init), "login as \(login) failed: \(response.status)")
        let home = try await get("/", headers: [.cookie: cookie])
        let token = try #require(home.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1).description
        return (cookie, token)
    }
}

/// A logged-in browser: its session cookie and the session's CSRF token.
struct LoggedIn: Sendable {
    let cookie: String
    let csrf: String

    /// Cookie and CSRF header, for GETs and JSON posts.
    var headers: HTTPFields { [.cookie: cookie, CSRFHeader.name: csrf] }
    /// The same, for url-encoded form posts.
    var form: HTTPFields {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }
}

extension TestClientProtocol {
    /// Logs in a demo account (seeded with ``PluginWorkspace/seedDemo()``).
    func logInDemo(_ login: String) async throws -> LoggedIn {
        let (cookie, csrf) = try await logIn(login, password: DemoSeed.password)
        return LoggedIn(cookie: cookie, csrf: csrf)
    }
}

extension Portal {
    /// Runs `body` with a client of this portal served on a real socket (loopback), so the
    /// portal sees a real peer address.
    func withLiveClient<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: PortalApplication.router(portal: self))
        return try await app.test(.live) { client in try await body(client) }
    }
}
