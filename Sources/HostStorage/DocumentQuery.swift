// DocumentQuery: a store query (filters, order, limit, cursor) parsed from JSON and turned into SQL.
import CartableText
import Foundation
import GRDB

/// A query on one collection, over fields the plugin declared indexed.
package struct DocumentQuery: Sendable {
    package enum Operator: String, Sendable {
        case eq, ne, lt, le, gt, ge
    }

    package struct Filter: Sendable {
        package let field: String
        package let op: Operator
        package let value: JSONValue
    }

    package var filters: [Filter] = []
    /// `nil` orders by document id.
    package var orderField: String?
    package var descending = false
    package var limit = 50
    package var cursor: String?

    package static let maxLimit = 1000

    package init() {}

    /// Parses the query object of `cartable.store/1`; `indexed` lists the declared fields.
    package init(json: Data, indexed: Set<String>) throws(StoreError) {
        let root: JSONValue
        do {
            root = try JSONValue.parse(json)
        } catch {
            throw .invalid("query is not valid JSON: \(error)")
        }
        guard case .object(let object) = root else { throw .invalid("query must be a JSON object") }
        for key in object.keys where !["where", "order", "limit", "cursor"].contains(key) {
            throw .invalid("query has an unknown key '\(key)' (use where, order, limit, cursor)")
        }
        func checkIndexed(_ field: String) throws(StoreError) {
            guard indexed.contains(field) else {
                let known = indexed.sorted().joined(separator: ", ")
                throw .invalid("field '\(field)' is not indexed in the manifest (indexed: \(known.isEmpty ? "none" : known))")
            }
        }
        if let conditions = object["where"] {
            guard case .array(let items) = conditions else { throw .invalid("query 'where' must be an array") }
            for (index, item) in items.enumerated() {
                guard let field = item["field"]?.stringValue else { throw .invalid("where[\(index)] needs a 'field' string") }
                guard let opText = item["op"]?.stringValue, let op = Operator(rawValue: opText) else {
                    throw .invalid("where[\(index)] needs an 'op' among eq, ne, lt, le, gt, ge")
                }
                guard let value = item["value"] else { throw .invalid("where[\(index)] needs a 'value'") }
                switch value {
                case .array, .object: throw .invalid("where[\(index)] value must be a string, number, boolean or null")
                default: break
                }
                try checkIndexed(field)
                filters.append(Filter(field: field, op: op, value: value))
            }
        }
        if let order = object["order"] {
            guard let field = order["field"]?.stringValue else { throw .invalid("query 'order' needs a 'field' string") }
            if field != "id" {
                try checkIndexed(field)
                orderField = field
            }
            if case .bool(let flag) = order["descending"] ?? .bool(false) { descending = flag } else {
                throw .invalid("query 'order.descending' must be a boolean")
            }
        }
        if let limitValue = object["limit"] {
            guard let value = limitValue.integerValue, (1...Int64(Self.maxLimit)).contains(value) else {
                throw .invalid("query 'limit' must be an integer from 1 to \(Self.maxLimit)")
            }
            limit = Int(value)
        }
        if let cursorValue = object["cursor"], cursorValue != .null {
            guard let text = cursorValue.stringValue else { throw .invalid("query 'cursor' must be a string from a previous page") }
            cursor = text
        }
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
                    sql.append(descending ? "(\(expression) IS NULL AND id < ?)" : "((\(expression) IS NULL AND id > ?) OR \(expression) IS NOT NULL)")
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
