// DocumentQuery: a store query (filters, order, limit, cursor) parsed from JSON and turned into SQL.
import CartableText
import CartableWire
import Foundation

/// A query on one collection, over fields the plugin declared indexed.
package struct DocumentQuery: Sendable {
    package typealias Operator = StoreQueryJSON.Operator
    package typealias Filter = StoreQueryJSON.Filter

    package var filters: [Filter] = []
    /// `nil` orders by document id.
    package var orderField: String?
    package var descending = false
    package var limit = StoreQueryJSON.defaultLimit
    package var cursor: String?

    package static let maxLimit = StoreQueryJSON.maxLimit

    package init() {}

    /// Reads the query object of `cartable.store/1`; `indexed` lists the declared fields.
    package init(json: Data, indexed: Set<String>) throws(StoreError) {
        let query: StoreQueryJSON
        do {
            query = try StoreQueryJSON(json: json)
        } catch {
            throw .invalid(error.description)
        }
        for field in query.filters.map(\.field) + (query.orderField.map { [$0] } ?? []) where !indexed.contains(field) {
            let known = indexed.sorted().joined(separator: ", ")
            throw .invalid("field '\(field)' is not indexed in the manifest (indexed: \(known.isEmpty ? "none" : known))")
        }
        filters = query.filters
        orderField = query.orderField
        descending = query.descending
        limit = query.limit ?? StoreQueryJSON.defaultLimit
        cursor = query.cursor
    }
}

/// Where a page ended: the order value and the id of its last document.
struct QueryCursor: Codable, Equatable {
    /// The order field (nil when ordering by id) and direction, to refuse a cursor of another query.
    var field: String?
    var descending: Bool
    var value: JSONValue?
    var id: String

    func encoded() -> String {
        let data = (try? JSONEncoder.sortedKeys.encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(field: String?, descending: Bool, value: JSONValue?, id: String) {
        self.field = field
        self.descending = descending
        self.value = value
        self.id = id
    }

    init(decoding text: String) throws(StoreError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(QueryCursor.self, from: data) else {
            throw .invalid("query cursor is malformed: pass back the cursor of the previous page unchanged")
        }
        self = cursor
    }
}

extension DocumentQuery {
    /// SQL text for one field's value, the same expression the partial index is built on. On
    /// PostgreSQL a JSON `null` reads as SQL NULL, as `json_extract` gives it on SQLite.
    static func fieldExpression(_ field: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "json_extract(body, '$.\(field)')"
        case .postgres: "NULLIF(body->'\(field)', 'null'::jsonb)"
        }
    }

    /// Where a value compared with a field goes: a JSON scalar on PostgreSQL, a plain value on SQLite.
    static func placeholder(_ dialect: SQLDialect) -> String {
        dialect == .postgres ? "CAST(? AS jsonb)" : "?"
    }

    /// The value bound for a JSON scalar: as `json_extract` returns it on SQLite, as JSON text on PostgreSQL.
    static func boundValue(_ value: JSONValue, _ dialect: SQLDialect) -> SQLValue {
        if dialect == .postgres {
            switch value {
            case .null, .array, .object: return .null
            default: return (try? JSONEncoder().encode(value)).map { .text(String(decoding: $0, as: UTF8.self)) } ?? .null
            }
        }
        switch value {
        case .null: return .null
        case .bool(let flag): return .integer(flag ? 1 : 0)
        case .integer(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .array, .object: return .null
        }
    }

    /// The WHERE fragments (after owner and collection) and their arguments, cursor included.
    func sqlConditions(_ dialect: SQLDialect) throws(StoreError) -> (sql: [String], arguments: [SQLValue]) {
        var sql: [String] = []
        var arguments: [SQLValue] = []
        let bound = Self.placeholder(dialect)
        for filter in filters {
            let expression = Self.fieldExpression(filter.field, dialect)
            if filter.value == .null {
                switch filter.op {
                case .eq: sql.append("\(expression) IS NULL")
                case .ne: sql.append("\(expression) IS NOT NULL")
                default: throw .invalid("field '\(filter.field)': only eq and ne compare with null")
                }
                continue
            }
            let symbol = ["eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="][filter.op.rawValue] ?? "="
            sql.append("\(expression) \(symbol) \(bound)")
            arguments.append(Self.boundValue(filter.value, dialect))
        }
        if let cursorText = cursor {
            let position = try QueryCursor(decoding: cursorText)
            guard position.field == orderField, position.descending == descending else {
                throw .invalid("query cursor belongs to a query with another order: restart without a cursor")
            }
            let (idOp, valueOp) = descending ? ("<", "<") : (">", ">")
            if let field = orderField {
                let expression = Self.fieldExpression(field, dialect)
                let value = position.value ?? .null
                if value == .null {
                    // NULL sorts first ascending, last descending (both engines are told so).
                    sql.append(
                        descending
                            ? "(\(expression) IS NULL AND id < ?)" : "((\(expression) IS NULL AND id > ?) OR \(expression) IS NOT NULL)")
                    arguments.append(.text(position.id))
                } else {
                    let nullTail = descending ? " OR \(expression) IS NULL" : ""
                    sql.append("(\(expression) \(valueOp) \(bound) OR (\(expression) = \(bound) AND id \(idOp) ?)\(nullTail))")
                    let value = Self.boundValue(value, dialect)
                    arguments += [value, value, .text(position.id)]
                }
            } else {
                sql.append("id \(idOp) ?")
                arguments.append(.text(position.id))
            }
        }
        return (sql, arguments)
    }

    /// The ORDER BY clause: NULL first ascending, last descending, on both engines.
    func sqlOrder(_ dialect: SQLDialect) -> String {
        let direction = descending ? "DESC" : "ASC"
        if let field = orderField {
            let nulls = dialect == .postgres ? (descending ? " NULLS LAST" : " NULLS FIRST") : ""
            return "\(Self.fieldExpression(field, dialect)) \(direction)\(nulls), id \(direction)"
        }
        return "id \(direction)"
    }
}
