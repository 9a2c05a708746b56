// SMTPRelayTests: what `serve --smtp` accepts — TLS modes, ports, a login only with TLS and a password from the environment.
import Foundation
import Portal
import Testing

@Suite("The mail relay's address")
struct SMTPRelayTests {
    @Test func schemesChooseTLSAndTheirPorts() throws {
        let plain = try SMTPRelay(url: "smtp://127.0.0.1", from: "ne-pas-repondre@ent.example.org")
        #expect(plain.security == .none && plain.port == 25 && plain.user == nil)
        let submission = try SMTPRelay(
            url: "smtp+starttls://cartable@relay.example.org", from: "ne-pas-repondre@ent.example.org", password: "secret")
        #expect(submission.security == .startTLS && submission.port == 587 && submission.user == "cartable")
        let implicit = try SMTPRelay(url: "smtps://relay.example.org:2465", from: "ne-pas-repondre@ent.example.org")
        #expect(implicit.security == .implicitTLS && implicit.port == 2465)
    }

    @Test func aPasswordNeverCrossesInClearNorSitsOnTheCommandLine() {
        #expect(throws: (any Error).self) {
            try SMTPRelay(url: "smtp://cartable@relay.example.org", from: "a@ent.example.org", password: "x")
        }
        #expect(throws: (any Error).self) { try SMTPRelay(url: "smtps://cartable@relay.example.org", from: "a@ent.example.org") }
        #expect(throws: (any Error).self) { try SMTPRelay(url: "smtps://cartable:secret@relay.example.org", from: "a@ent.example.org") }
        #expect(throws: (any Error).self) { try SMTPRelay(url: "http://relay.example.org", from: "a@ent.example.org") }
        #expect(throws: (any Error).self) { try SMTPRelay(url: "smtp://relay.example.org", from: "pas une adresse") }
    }
}
