// DocumentStore: plugin document collections on either engine, with versions, queries and atomic batches.
import CartableText
import Foundation

/// Versioned JSON documents, partitioned by ``DocumentOwner`` and collection.
///
/// Every write bumps the version; a writer that names the version it read gets a conflict
/// instead of overwriting someone else's change. Queries filter and sort on declared
/// fields through partial expression indexes built by ``ensureIndexes(plugin:collection:fields:)``.
package final class DocumentStore: Sendable {
    package let database: HostDatabase
    package let maxDocumentBytes: Int

    package init(database: HostDatabase, maxDocumentBytes: Int = 1 << 20) {
        self.database = database
        self.maxDocumentBytes = maxDocumentBytes
    }

    // MARK: single documents

    package func put(
        _ owner: DocumentOwner, collection: String, id: String, json: String, expectedVersion: Int64
    ) throws(StoreError) -> Int64 {
        try perform {
            try database.write { db in try Self.put(db, owner, collection, id, json, expectedVersion, self.maxDocumentBytes) }
        }
    }

    package func get(_ owner: DocumentOwner, collection: String, id: String) throws(StoreError) -> StoredDocument? {
        try Self.check(owner: owner, collection: collection)
        try Self.check(id: id)
        return try perform {
            // One statement: no transaction around it.
            try database.readStatement { db in
                // A cached statement: compiled once per connection, not at every read.
                try SQLRow.fetchOne(
                    db, sql: "SELECT version, body FROM documents WHERE plugin = ? AND scope = ? AND collection = ? AND id = ?",
                    arguments: [owner.plugin, owner.scope, collection, id]
                ).map { StoredDocument(id: id, version: $0["version"], json: $0["body"]) }
            }
        }
    }

    package func delete(_ owner: DocumentOwner, collection: String, id: String, expectedVersion: Int64) throws(StoreError) {
        try perform {
            try database.write { db in try Self.delete(db, owner, collection, id, expectedVersion) }
        }
    }

    // MARK: queries

    package func query(_ owner: DocumentOwner, collection: String, query: DocumentQuery) throws(StoreError) -> DocumentPage {
        try Self.check(owner: owner, collection: collection)
        let dialect = database.dialect
        let conditions = try query.sqlConditions(dialect)
        let sql = """
            SELECT id, version, body\(query.orderField.map { ", \(DocumentQuery.fieldExpression($0, dialect)) AS order_value" } ?? "")
            FROM documents
            WHERE plugin = \(Self.literal(owner.plugin)) AND collection = \(Self.literal(collection)) AND scope = ?
            \(conditions.sql.map { "AND \($0)" }.joined(separator: " "))
            ORDER BY \(query.sqlOrder(dialect)) LIMIT ?
            """
        let arguments = SQLArguments(values: [.text(owner.scope)] + conditions.arguments + [.integer(Int64(query.limit + 1))])
        // The text depends only on the plugin, the collection and the query's shape: cached per connection.
        let rows = try perform {
            try database.readStatement { db in try SQLRow.fetchAll(db, sql: sql, arguments: arguments) }
        }
        let page = rows.prefix(query.limit)
        let items = page.map { StoredDocument(id: $0["id"], version: $0["version"], json: $0["body"]) }
        var cursor: String?
        if rows.count > query.limit, let last = page.last {
            let value: JSONValue? = query.orderField.map { _ in Self.jsonValue(last.value("order_value"), dialect) }
            cursor = QueryCursor(field: query.orderField, descending: query.descending, value: value, id: last["id"]).encoded()
        }
        return DocumentPage(items: items, cursor: cursor)
    }

    // MARK: batches

    /// Applies every operation or none; returns the new versions (0 for deletes).
    package func batch(_ owner: DocumentOwner, operations: [BatchOperation]) throws(StoreError) -> [Int64] {
        try perform {
            try database.write { db in
                var versions: [Int64] = []
                for (index, operation) in operations.enumerated() {
                    do {
                        switch operation {
                        case .put(let collection, let id, let json, let expected):
                            versions.append(try Self.put(db, owner, collection, id, json, expected, self.maxDocumentBytes))
                        case .delete(let collection, let id, let expected):
                            try Self.delete(db, owner, collection, id, expected)
                            versions.append(0)
                        }
                    } catch let error as StoreError {
                        throw StoreError(kind: error.kind, message: "operation \(index): \(error.message); nothing was written")
                    }
                }
                return versions
            }
        }
    }

    // MARK: indexes

    /// Creates the partial expression indexes a plugin's declared fields need (idempotent).
    package func ensureIndexes(plugin: String, collection: String, fields: [String]) throws(StoreError) {
        try Self.check(owner: DocumentOwner(plugin: plugin, scope: ""), collection: collection)
        try perform {
            try database.write { db in
                for field in fields {
                    guard Self.isName(field) else { throw StoreError.invalid("indexed field '\(field)' is not a plain name") }
                    let name = "doc_\(plugin)_\(collection)_\(field)".replacingOccurrences(of: "-", with: "_")
                    let expression = DocumentQuery.fieldExpression(field, db.dialect)
                    // PostgreSQL: the index sorts NULL first as the queries do, so it serves both directions.
                    let key = db.dialect == .postgres ? "(\(expression)) NULLS FIRST" : expression
                    try db.execute(
                        sql: """
                            CREATE INDEX IF NOT EXISTS "\(name)" ON documents(scope, \(key), id)
                            WHERE plugin = \(Self.literal(plugin)) AND collection = \(Self.literal(collection))
                            """)
                }
            }
        }
    }
}

// MARK: - statements inside a transaction

extension DocumentStore {
    fileprivate static func put(
        _ db: any SQLSession, _ owner: DocumentOwner, _ collection: String, _ id: String, _ json: String,
        _ expected: Int64, _ maxBytes: Int
    ) throws -> Int64 {
        try check(owner: owner, collection: collection)
        try check(id: id)
        guard json.utf8.count <= maxBytes else {
            throw StoreError.tooLarge("document '\(id)' is \(json.utf8.count) bytes; the limit is \(maxBytes)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)), object is [String: Any] else {
            throw StoreError.invalid("document '\(id)' must be a JSON object")
        }
        let current = try Int64.fetchOne(
            db, sql: "SELECT version FROM documents WHERE plugin = ? AND scope = ? AND collection = ? AND id = ?",
            arguments: [owner.plugin, owner.scope, collection, id])
        try checkVersion(current: current, expected: expected, collection: collection, id: id)
        let now = timestamp()
        if let current {
            try db.execute(
                sql:
                    "UPDATE documents SET version = ?, body = ?, updated_at = ? WHERE plugin = ? AND scope = ? AND collection = ? AND id = ?",
                arguments: [current + 1, json, now, owner.plugin, owner.scope, collection, id])
            return current + 1
        }
        try db.execute(
            sql:
                "INSERT INTO documents (plugin, scope, collection, id, version, body, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
            arguments: [owner.plugin, owner.scope, collection, id, json, now, now])
        return 1
    }

    fileprivate static func delete(
        _ db: any SQLSession, _ owner: DocumentOwner, _ collection: String, _ id: String, _ expected: Int64
    ) throws {
        try check(owner: owner, collection: collection)
        try check(id: id)
        let current = try Int64.fetchOne(
            db, sql: "SELECT version FROM documents WHERE plugin = ? AND scope = ? AND collection = ? AND id = ?",
            arguments: [owner.plugin, owner.scope, collection, id])
        guard current != nil else { throw StoreError.notFound("no document '\(id)' in '\(collection)'") }
        try checkVersion(current: current, expected: expected, collection: collection, id: id)
        try db.execute(
            sql: "DELETE FROM documents WHERE plugin = ? AND scope = ? AND collection = ? AND id = ?",
            arguments: [owner.plugin, owner.scope, collection, id])
    }

    fileprivate static func checkVersion(current: Int64?, expected: Int64, collection: String, id: String) throws {
        switch (expected, current) {
        case (-1, _), (0, nil):
            return
        case (0, .some(let version)):
            throw StoreError.conflict("document '\(id)' in '\(collection)' already exists (version \(version))")
        case (let wanted, nil) where wanted > 0:
            throw StoreError.conflict("document '\(id)' in '\(collection)' no longer exists (expected version \(wanted))")
        case (let wanted, .some(let version)) where wanted > 0:
            if wanted != version {
                throw StoreError.conflict(
                    "document '\(id)' in '\(collection)' is at version \(version), not \(wanted): someone else changed it; reload and retry"
                )
            }
        default:
            throw StoreError.invalid("expected version \(expected) is invalid: use -1 (any), 0 (new) or a version read earlier")
        }
    }
}

// MARK: - checks and helpers

extension DocumentStore {
    static func isName(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
            }
    }

    static func check(owner: DocumentOwner, collection: String) throws(StoreError) {
        guard (1...40).contains(owner.plugin.utf8.count),
            owner.plugin.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else { throw .invalid("plugin id '\(owner.plugin)' is invalid") }
        guard isName(collection) else {
            throw .invalid("collection name '\(collection)' must be 1 to 64 characters of a-z, A-Z, 0-9 and '_'")
        }
    }

    static func check(id: String) throws(StoreError) {
        guard (1...200).contains(id.utf8.count),
            id.utf8.allSatisfy({ byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x2D
            })
        else {
            throw .invalid("document id must be 1 to 200 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'")
        }
    }

    /// A SQL string literal for an already validated identifier.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601)
    }

    /// An order value read back: SQLite's `json_extract` gives a plain value, PostgreSQL's jsonb its JSON text.
    static func jsonValue(_ value: SQLValue, _ dialect: SQLDialect) -> JSONValue {
        switch value {
        case .null, .blob: return .null
        case .integer(let number): return .integer(number)
        case .real(let number): return .double(number)
        case .text(let text):
            guard dialect == .postgres else { return .string(text) }
            return (try? JSONValue.parse(Data(text.utf8))) ?? .null
        }
    }

    /// Runs database work, turning engine errors into ``StoreError``.
    func perform<T>(_ work: () throws -> T) throws(StoreError) -> T {
        do {
            return try work()
        } catch let error as StoreError {
            throw error
        } catch {
            throw .internal("database error: \(error)")
        }
    }
}
