// BodyLimitTests: a body past a limit gets a 413 that says so, for a chunked upload and an over-long login form alike.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Body limits")
struct BodyLimitTests {
    @Test func overLongFormsAndChunkedUploadsGetA413WithItsMessage() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions())
        try workspace.seedDemo()
        try await workspace.portal(maxBodyBytes: 64 * 1024).withLiveClient { client in
            let csrf = PortalTestClient.anonymousCSRF
            let login = try await client.post(
                "/auth/login", "_csrf=\(csrf)&login=\(String(repeating: "x", count: 20_000))&password=x",
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "cartable_csrf=\(csrf)", CSRFHeader.name: csrf])
            #expect(login.status == .contentTooLarge && login.text.contains("trop volumineux"), "\(login.status): \(login.text)")
            // A chunked body (no Content-Length) past the portal's limit, to a plugin route.
            let upload = try await client.execute(
                uri: "/apps/probe/store/put?collection=items&id=big", method: .post,
                headers: [.cookie: "cartable_csrf=\(csrf)", CSRFHeader.name: csrf, .transferEncoding: "chunked"],
                body: ByteBuffer(bytes: Array(repeating: UInt8(ascii: "a"), count: 160 * 1024)))
            #expect(upload.status == .contentTooLarge && !upload.text.isEmpty, "\(upload.status): \(upload.text)")
            // A browser's form (its token in the body, read by the CSRF check) past the portal's limit.
            let form = try await client.post(
                "/auth/login", "_csrf=\(csrf)&login=" + String(repeating: "y", count: 160 * 1024),
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: "cartable_csrf=\(csrf)", .transferEncoding: "chunked",
                ])
            #expect(form.status == .contentTooLarge && form.text.contains("65536"), "\(form.status): \(form.text)")
        }
    }
}
