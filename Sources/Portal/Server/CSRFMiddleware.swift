// CSRFMiddleware: every state-changing request must carry the caller's token and come from the portal's origin.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import HTTPTypes
import NIOCore

/// Protects unsafe methods (POST, PUT, PATCH, DELETE):
/// - a cross-site `Sec-Fetch-Site`, or an `Origin` other than the portal's, is refused;
/// - the token must be sent as `X-CSRF-Token` or as the form field `_csrf` (url-encoded or
///   multipart), and equal the
///   session's token, or for anonymous callers the `cartable_csrf` cookie (double submit).
/// A refusal is a 403 with a message, before any handler runs, so nothing changes: the
/// portal's error page for a browser, JSON for an API caller.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    static let header = HTTPField.Name("X-CSRF-Token")!
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let origin = HTTPField.Name("Origin")!
    static let field = "_csrf"
    /// Endpoints for tools' servers, which authenticate with client credentials and never with
    /// the portal's cookies (OAuth 2.0 token and revocation): no CSRF token there.
    /// Userinfo takes a bearer token (RFC 6750), never a cookie.
    static let clientAuthenticated: Set<String> = ["/oauth2/token", "/oauth2/revoke", "/oauth2/device_authorization", "/oauth2/userinfo"]
    let localizer: Localizer
    /// Renders the refusal for browsers, with the token this middleware just set in the context.
    let errorPage: ErrorPage
    let publicOrigin: String?
    let secureCookies: Bool
    /// The anonymous double-submit cookie's name (``CookieNames/csrf``).
    let cookie: String
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let anonymousToken = request.cookies[cookie]?.value
        var issued: String?
        if let session = context.session {
            context.csrfToken = session.csrfToken
        } else if let anonymousToken, anonymousToken.count == 43 {
            context.csrfToken = anonymousToken
        } else {
            let token = SessionStore.randomToken()
            issued = token
            context.csrfToken = token
        }
        var request = request
        var response: Response
        if ![.get, .head, .options].contains(request.method), !Self.clientAuthenticated.contains(request.uri.path),
            let refusal = try await refusal(of: &request, context: context, hadCookie: issued == nil)
        {
            let tooLarge = refusal == "error.body_too_large"
            let message = localizer.text(refusal, context.language(request), tooLarge ? String(maxBodyBytes) : "")
            response = await errorPage.answer(
                tooLarge ? .contentTooLarge : .forbidden, message: message, request: request, context: context)
        } else {
            response = try await next(request, context)
        }
        if let issued {
            response.setCookie(Cookie(name: cookie, value: issued, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// The locale key of why the request is refused, or nil when it may go on.
    private func refusal(of request: inout Request, context: Context, hadCookie: Bool) async throws -> String? {
        if request.headers[Self.fetchSite] == "cross-site" { return "error.csrf_origin" }
        if let origin = request.headers[Self.origin] {
            let expected = publicOrigin ?? request.head.authority.map { "http://\($0)" }
            let secureExpected = request.head.authority.map { "https://\($0)" }
            guard origin == expected || (publicOrigin == nil && origin == secureExpected) else { return "error.csrf_origin" }
        }
        guard context.session != nil || hadCookie else { return "error.csrf" }
        var sent = request.headers[Self.header]
        let contentType = request.headers[.contentType]
        let boundary = MultipartBody.boundary(of: contentType)
        if sent == nil, contentType?.hasPrefix("application/x-www-form-urlencoded") == true || boundary != nil {
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: maxBodyBytes)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return "error.body_too_large"
            } catch is NIOTooManyBytesError {
                // A chunked body past the limit.
                return "error.body_too_large"
            }
            if let boundary {
                sent = (try? MultipartBody(Data(body.readableBytesView), boundary: boundary))?[Self.field]?.text
            } else {
                sent = parseFormURLEncoded(String(buffer: body))[Self.field]
            }
        }
        guard let sent, Authenticator.same(sent, context.csrfToken) else { return "error.csrf" }
        return nil
    }
}
