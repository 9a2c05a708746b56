// CASTests: the CAS 3.0 server — tickets for registered services only, single use, short-lived, bound to their service; XML and JSON answers with attributes.
import Foundation
import HostDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("Single sign-on: CAS 3.0 server")
struct CASTests {
    static let service = "https://vie-scolaire.example.org/cas/callback"

    @Test func aServiceGetsATicketValidatesItOnceAndReadsTheAttributes() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        _ = try SSOTestKit.registerForCollege(database, name: "Vie scolaire", addresses: [Self.service]) {
            $0.kind = "cas"
            $0.subjectType = "public"
            $0.scopes = ["openid", "profile", "school"]
        }
        let portal = try workspace.portal()
        try await portal.withClient { client in
            let encoded = BlogsTestKit.encode([("service", Self.service)])
            // Anonymous: to the login page, or straight back without a ticket with gateway.
            let anonymous = try await client.get("/cas/login?\(encoded)")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/auth/login?return=") == true)
            #expect(try await client.get("/cas/login?\(encoded)&gateway=true").headers[.location] == Self.service)
            // An unregistered service: an error page, never a redirect.
            let stray = try await client.get(
                "/cas/login?" + BlogsTestKit.encode([("service", "https://evil.example/cb")]), headers: [.accept: "text/html"])
            #expect(stray.status == .badRequest && stray.headers[.location] == nil)

            let lea = try await client.logInDemo("lea.martin")
            func ticket() async throws -> String {
                let issued = try await client.get("/cas/login?\(encoded)", headers: lea.headers)
                let location = try #require(issued.headers[.location])
                #expect(location.hasPrefix(Self.service + "?ticket=ST-"))
                let value = String(try #require(location.split(separator: "=").last))
                #expect(value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
                return value
            }
            let first = try await ticket()
            let validated = try await client.get(
                "/cas/p3/serviceValidate?" + BlogsTestKit.encode([("service", Self.service), ("ticket", first)]))
            #expect(validated.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(
                validated.text.contains("<cas:user>lea.martin</cas:user>") && validated.text.contains("<cas:name>Léa Martin</cas:name>")
                    && validated.text.contains("<cas:school_uai>0750001A</cas:school_uai>")
                    && validated.text.contains("<cas:classes>4e A</cas:classes>"))
            // Replayed: refused.
            let replay = try await client.get(
                "/cas/p3/serviceValidate?" + BlogsTestKit.encode([("service", Self.service), ("ticket", first)]))
            #expect(replay.text.contains("<cas:authenticationFailure code=\"INVALID_TICKET\">"))
            // Validated for another service: refused, and spent.
            let second = try await ticket()
            let other = try await client.get(
                "/cas/serviceValidate?" + BlogsTestKit.encode([("service", "https://other.example/cb"), ("ticket", second)]))
            #expect(other.text.contains("code=\"INVALID_SERVICE\""))
            #expect(
                try await client.get("/cas/serviceValidate?" + BlogsTestKit.encode([("service", Self.service), ("ticket", second)])).text
                    .contains("INVALID_TICKET"))
            // serviceValidate (CAS 2 style) gives no attributes; JSON on request.
            let third = try await ticket()
            let plain = try await client.get(
                "/cas/serviceValidate?" + BlogsTestKit.encode([("service", Self.service), ("ticket", third), ("format", "JSON")])
            ).json()
            let success = try #require((plain["serviceResponse"] as? [String: Any])?["authenticationSuccess"] as? [String: Any])
            #expect(success["user"] as? String == "lea.martin" && success["attributes"] == nil)
            // Expired: past its lifetime a ticket is refused.
            let fourth = try await ticket()
            let tickets = CASTickets(database: portal.database, lifetime: portal.configuration.casTicketLifetime)
            #expect(throws: CASTickets.Failure.self) {
                try tickets.validate(ticket: fourth, service: Self.service, renew: false, now: Date().addingTimeInterval(120))
            }
            // Missing parameters.
            #expect(try await client.get("/cas/serviceValidate").text.contains("code=\"INVALID_REQUEST\""))

            // A user of a school the service is not open to.
            let ines = try await client.logInDemo("ines.moreau")
            #expect(try await client.get("/cas/login?\(encoded)", headers: ines.headers).status == .forbidden)
            // Logout: a GET only asks (an image in a comment logs nobody out); the confirmed POST ends the session, back to the registered service.
            let asked = try await client.get("/cas/logout?\(encoded)", headers: lea.headers)
            #expect(asked.status == .ok && asked.text.contains("action=\"/cas/logout\""))
            #expect(try await client.get("/profile", headers: lea.headers).status == .ok, "still logged in")
            let out = try await client.post("/cas/logout", "_csrf=\(lea.csrf)&\(encoded)", headers: lea.form)
            #expect(out.headers[.location] == Self.service)
            let after = try await client.get("/profile", headers: lea.headers)
            #expect(
                after.status == .seeOther && after.headers[.location]?.hasPrefix("/auth/login") == true,
                "logged out, and the old cookie is refused")
        }
    }
}
