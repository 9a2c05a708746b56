// PluginCall and PluginReply: one request to a plugin and its answer, in plain Swift values.
/// A request as the host hands it to a plugin, independent of HTTP types.
package struct PluginCall: Sendable {
    package var method: String
    /// Relative to the mount point, starting with `/`.
    package var path: String
    /// The raw query string without `?`.
    package var query: String
    /// Lower-case names.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    package var requestID: String
    package var locale: String
    package var basePath: String
    /// `""` for the platform; later the caller's school.
    package var scope: String
    /// The caller's anti-CSRF token, for the forms the plugin renders.
    package var csrfToken: String

    package init(
        method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], requestID: String, locale: String = "fr", basePath: String, scope: String = "", csrfToken: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.requestID = requestID
        self.locale = locale
        self.basePath = basePath
        self.scope = scope
        self.csrfToken = csrfToken
    }
}

/// What a plugin answered.
package struct PluginReply: Sendable {
    package enum Kind: Sendable, Equatable {
        case raw
        /// An HTML fragment to wrap in the portal page.
        case fragment
    }

    package var status: Int = 200
    package var headers: [(name: String, value: String)] = []
    package var body: [UInt8] = []
    package var kind: Kind = .raw
    package var title: String?
    /// Set when the plugin returned a negative code; `status` then maps that code.
    package var errorMessage: String?
    /// The negative code, if any.
    package var code: Int32 = 0

    package init() {}
}
