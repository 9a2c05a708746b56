// DocumentOwner: whose documents a store call may touch (one plugin, one scope).
/// The partition a store call works in. The host builds it from the calling plugin and the
/// caller's scope; a plugin never chooses it, so it can never reach another's documents.
package struct DocumentOwner: Sendable, Hashable {
    /// The plugin id (shared by every version of that plugin).
    package let plugin: String
    /// `""` for the platform scope; later a school id.
    package let scope: String

    package init(plugin: String, scope: String) {
        self.plugin = plugin
        self.scope = scope
    }
}

/// One stored document with its version.
package struct StoredDocument: Sendable, Equatable {
    package let id: String
    package let version: Int64
    /// The JSON object text.
    package let json: String
}

/// One page of query results and the cursor to the next page, if any.
package struct DocumentPage: Sendable {
    package let items: [StoredDocument]
    package let cursor: String?
}

/// One write inside an atomic batch.
package enum BatchOperation: Sendable {
    case put(collection: String, id: String, json: String, expectedVersion: Int64)
    case delete(collection: String, id: String, expectedVersion: Int64)
}
