// DeclaredRoute: a route as a plugin's manifest declares it, and the check that the manifest and the plugin's router list the same routes.
/// `{"method": "GET", "path": "/notes/:id", "public": false, "action": "notes.read"}` in a manifest's `routes`.
package struct DeclaredRoute: Codable, Sendable, Equatable {
    package var method: String
    /// Relative to the mount point: `/`, `/notes/:id`, `/files/*`.
    package var path: String
    /// Whether anonymous callers may reach it; by default a route needs a logged-in
    /// user and the host answers 401 before the plugin runs.
    package var isPublic: Bool
    /// The action a caller must be granted in their school, checked by the host (403) before the plugin runs.
    package var action: String?

    enum CodingKeys: String, CodingKey {
        case method, path, action
        case isPublic = "public"
    }

    package init(method: String, path: String, isPublic: Bool = false, action: String? = nil) {
        self.method = method
        self.path = path
        self.isPublic = isPublic
        self.action = action
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        path = try container.decode(String.self, forKey: .path)
        isPublic = try container.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false
        action = try container.decodeIfPresent(String.self, forKey: .action)
    }

    /// Why the routes a manifest declares and the routes a plugin handles differ, or nil when
    /// they are the same (method and path, in any order). A manifest without routes lets
    /// every path through, so it agrees with any router.
    package static func disagreement(declared: [DeclaredRoute], handled: [(method: String, path: String)]) -> String? {
        guard !declared.isEmpty else { return nil }
        let declaredSet = Set(declared.map { "\($0.method) \($0.path)" }), handledSet = Set(handled.map { "\($0.method) \($0.path)" })
        let undeclared = handledSet.subtracting(declaredSet).sorted(), unhandled = declaredSet.subtracting(handledSet).sorted()
        guard !undeclared.isEmpty || !unhandled.isEmpty else { return nil }
        var reasons: [String] = []
        if !undeclared.isEmpty {
            reasons.append("the plugin handles \(undeclared.joined(separator: ", ")) that manifest.json does not declare")
        }
        if !unhandled.isEmpty {
            reasons.append("manifest.json declares \(unhandled.joined(separator: ", ")) that the plugin does not handle")
        }
        return "its routes disagree with its manifest: " + reasons.joined(separator: "; ") + ". Declare each route once in both."
    }
}
