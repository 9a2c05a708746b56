// OAuthError: an OAuth 2.0 / OpenID Connect error as the protocol names it (RFC 6749 §5.2), with a sentence for people.
package struct OAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, `invalid_scope`, `access_denied`…
    package let code: String
    package let message: String

    package init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }

    /// 401 for a client that failed to authenticate, 400 otherwise.
    package var status: Int { code == "invalid_client" ? 401 : 400 }
}
