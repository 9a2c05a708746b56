// DocumentQuery: a store query (filters, order, limit, cursor) parsed from JSON and turned into SQL.
import CartableText
import CartableWire
import Foundation
import GRDB

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
    /// SQL text for one field's value, the same expression the partial index is built on.
    static func fieldExpression(_ field: String) -> String {
        "json_extract(body, '$.\(field)')"
    }

    /// The value bound for a JSON scalar, as `json_extract` returns it.
    static func databaseValue(_ value: JSONValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return (flag ? 1 : 0).databaseValue
        case .integer(let number): return number.databaseValue
        case .double(let number): return number.databaseValue
        case .string(let text): return text.databaseValue
        case .array, .object: return .null
        }
    }

    /// The WHERE fragments (after owner and collection) and their arguments, cursor included.
    func sqlConditions() throws(StoreError) -> (sql: [String], arguments: [DatabaseValue]) {
        var sql: [String] = []
        var arguments: [DatabaseValue] = []
        for filter in filters {
            let expression = Self.fieldExpression(filter.field)
            if filter.value == .null {
                switch filter.op {
                case .eq: sql.append("\(expression) IS NULL")
                case .ne: sql.append("\(expression) IS NOT NULL")
                default: throw .invalid("field '\(filter.field)': only eq and ne compare with null")
                }
                continue
            }
            let symbol = ["eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="][filter.op.rawValue] ?? "="
            sql.append("\(expression) \(symbol) ?")
            arguments.append(Self.databaseValue(filter.value))
        }
        if let cursorText = cursor {
            let position = try QueryCursor(decoding: cursorText)
            guard position.field == orderField, position.descending == descending else {
                throw .invalid("query cursor belongs to a query with another order: restart without a cursor")
            }
            let (idOp, valueOp) = descending ? ("<", "<") : (">", ">")
            if let field = orderField {
                let expression = Self.fieldExpression(field)
                let value = position.value ?? .null
                if value == .null {
                    // NULL sorts first ascending, last descending.
                    sql.append(
                        descending
                            ? "(\(expression) IS NULL AND id < ?)" : "((\(expression) IS NULL AND id > ?) OR \(expression) IS NOT NULL)")
                    arguments.append(position.id.databaseValue)
                } else {
                    let nullTail = descending ? " OR \(expression) IS NULL" : ""
                    sql.append("(\(expression) \(valueOp) ? OR (\(expression) = ? AND id \(idOp) ?)\(nullTail))")
                    let bound = Self.databaseValue(value)
                    arguments += [bound, bound, position.id.databaseValue]
                }
            } else {
                sql.append("id \(idOp) ?")
                arguments.append(position.id.databaseValue)
            }
        }
        return (sql, arguments)
    }

    /// The ORDER BY clause.
    var sqlOrder: String {
        let direction = descending ? "DESC" : "ASC"
        if let field = orderField {
            return "\(Self.fieldExpression(field)) \(direction), id \(direction)"
        }
        return "id \(direction)"
    }
}
