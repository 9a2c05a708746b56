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
    /// The caller, or nil when anonymous.
    package var caller: PluginCaller?
    /// The store's scope: the caller's school id, `""` (the platform) when they have none.
    package var scope: String { caller?.schoolID ?? "" }
    /// The caller's anti-CSRF token, for the forms the plugin renders.
    package var csrfToken: String
    /// The settings of the caller's school when its authority changed some; nil: the plugin's platform settings.
    package var settings: String?

    package init(
        method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], requestID: String, locale: String = "fr", basePath: String, caller: PluginCaller? = nil, csrfToken: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.requestID = requestID
        self.locale = locale
        self.basePath = basePath
        self.caller = caller
        self.csrfToken = csrfToken
    }
}

/// Who calls a plugin, as the request context tells it (ABI 1.1).
package struct PluginCaller: Sendable, Equatable {
    package var userID: String
    package var displayName: String
    /// `Student`, `Teacher`, `Relative`, `Personnel` or `Guest`.
    package var profile: String
    /// The current school; nil for a user attached to none.
    package var schoolID: String?
    package var schoolUAI: String
    /// The user's classes in the current school.
    package var classIDs: [String]
    /// A parent's child in view.
    package var childID: String
    /// The actions the caller holds in the current school.
    package var actions: [String]

    package init(
        userID: String, displayName: String, profile: String, schoolID: String?, schoolUAI: String = "", classIDs: [String] = [],
        childID: String = "", actions: [String] = []
    ) {
        self.userID = userID
        self.displayName = displayName
        self.profile = profile
        self.schoolID = schoolID
        self.schoolUAI = schoolUAI
        self.classIDs = classIDs
        self.childID = childID
        self.actions = actions
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
    /// Crumbs between the app and the title: (label, local path).
    package var breadcrumbs: [(label: String, path: String)] = []
    /// Set when the plugin returned a negative code; `status` then maps that code.
    package var errorMessage: String?
    /// The negative code, if any.
    package var code: Int32 = 0

    package init() {}
}
