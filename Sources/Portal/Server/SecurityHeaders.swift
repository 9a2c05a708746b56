// SecurityHeaders: the headers every answer carries — the shell's CSP, framing, referrer, sniffing, caching of logged-in pages, HSTS.
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The portal's security headers, computed once at start.
///
/// - Portal pages (HTML) get a CSP that runs no script at all, allows the shell's stylesheet
///   (served by the portal) and the themes' inline styles by their SHA-256 hashes only, and
///   forbids framing (`frame-ancestors 'none'`).
///   Images may come from https sites: whether a plugin shows another site's image is its
///   sanitizer's decision (the blogs app turns them into links unless the authority allows them).
/// - Plugin raw responses get a sandboxing CSP (``pluginRawPolicy``) unless the plugin's
///   manifest declares its own; the host's policy replaces any the plugin set.
/// - Every answer: `Referrer-Policy: same-origin`, `X-Content-Type-Options: nosniff`,
///   `X-Frame-Options: DENY`; `Cache-Control: no-store` when the caller is logged in and
///   the route set no caching of its own; HSTS when the public URL is https.
struct SecurityHeaders: Sendable {
    let shellPolicy: String
    let strictTransport: String?

    /// What a plugin's raw answer may do when its manifest says nothing: show itself and its own images, run nothing.
    static let pluginRawPolicy =
        "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!

    init(themes: Themes, secure: Bool) {
        // The shell's stylesheet is a file ('self'); only the themes' one-line styles are inline.
        let styles = themes.all.map(PortalPage.themeStyle)
        let hashes = Set(styles.map { "'sha256-\(Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString())'" }).sorted()
        shellPolicy =
            "default-src 'self'; script-src 'none'; style-src 'self' \(hashes.joined(separator: " ")); img-src 'self' data: https:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
        strictTransport = secure ? "max-age=31536000" : nil
    }

    /// Adds what `response` lacks.
    func apply(to response: inout Response, loggedIn: Bool) {
        var headers = response.headers
        if headers[.contentSecurityPolicy] == nil, headers[.contentType]?.hasPrefix("text/html") == true {
            headers[.contentSecurityPolicy] = shellPolicy
        }
        if headers[Self.referrerPolicy] == nil { headers[Self.referrerPolicy] = "same-origin" }
        headers[Self.contentTypeOptions] = "nosniff"
        if headers[Self.frameOptions] == nil { headers[Self.frameOptions] = "DENY" }
        if loggedIn, headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        if let strictTransport { headers[Self.strictTransportSecurity] = strictTransport }
        response.headers = headers
    }
}

/// Applies ``SecurityHeaders`` to every answer, errors included.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let headers: SecurityHeaders

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            headers.apply(to: &response, loggedIn: context.session != nil)
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            headers.apply(to: &response, loggedIn: context.session != nil)
            return response
        } catch {
            // Anything else is a bug: the client gets a bare 500 (with these headers), the log the reason.
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            var response = Response(status: .internalServerError)
            headers.apply(to: &response, loggedIn: context.session != nil)
            return response
        }
    }
}
