// StoreQueryJSON: the query object of `cartable.store/1` (filters, order, limit, cursor), encoded by PluginKit and read by the host.
import CartableText
import Foundation

/// `{"where": [{"field", "op", "value"}], "order": {"field", "descending"}, "limit": n, "cursor": "…"}`,
/// every key optional. Reading it checks its shape; which fields are indexed is the host's to check.
package struct StoreQueryJSON: Sendable, Equatable {
    package enum Operator: String, Sendable, CaseIterable {
        case eq, ne, lt, le, gt, ge
    }

    package struct Filter: Sendable, Equatable {
        package let field: String
        package let op: Operator
        /// A JSON scalar: strings compare with strings, numbers with numbers.
        package let value: JSONValue

        package init(field: String, op: Operator, value: JSONValue) {
            self.field = field
            self.op = op
            self.value = value
        }
    }

    /// A query that does not fit the shape above; the message says which part and what is expected.
    package struct Malformed: Error, CustomStringConvertible {
        package let description: String
    }

    package var filters: [Filter] = []
    /// `nil` orders by document id.
    package var orderField: String?
    package var descending = false
    /// `nil`: the default page size.
    package var limit: Int?
    package var cursor: String?

    package static let defaultLimit = 50
    package static let maxLimit = 1000
    private static let keys = ["where", "order", "limit", "cursor"]

    package init() {}

    /// Reads a query object, refusing anything outside its shape.
    package init(json: Data) throws(Malformed) {
        func fail(_ message: String) -> Malformed { Malformed(description: message) }
        let root: JSONValue
        do {
            root = try JSONValue.parse(json)
        } catch {
            throw fail("query is not valid JSON: \(error)")
        }
        guard case .object(let object) = root else { throw fail("query must be a JSON object") }
        for key in object.keys.sorted() where !Self.keys.contains(key) {
            throw fail("query has an unknown key '\(key)' (use \(Self.keys.joined(separator: ", ")))")
        }
        if let conditions = object["where"] {
            guard case .array(let items) = conditions else { throw fail("query 'where' must be an array") }
            for (index, item) in items.enumerated() {
                guard let field = item["field"]?.stringValue else { throw fail("where[\(index)] needs a 'field' string") }
                guard let opText = item["op"]?.stringValue, let op = Operator(rawValue: opText) else {
                    throw fail("where[\(index)] needs an 'op' among \(Operator.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let value = item["value"] else { throw fail("where[\(index)] needs a 'value'") }
                switch value {
                case .array, .object: throw fail("where[\(index)] value must be a string, number, boolean or null")
                default: break
                }
                filters.append(Filter(field: field, op: op, value: value))
            }
        }
        if let order = object["order"] {
            guard let field = order["field"]?.stringValue else { throw fail("query 'order' needs a 'field' string") }
            orderField = field == "id" ? nil : field
            if case .bool(let flag) = order["descending"] ?? .bool(false) {
                descending = flag
            } else {
                throw fail("query 'order.descending' must be a boolean")
            }
        }
        if let limitValue = object["limit"] {
            guard let value = limitValue.integerValue, (1...Int64(Self.maxLimit)).contains(value) else {
                throw fail("query 'limit' must be an integer from 1 to \(Self.maxLimit)")
            }
            limit = Int(value)
        }
        if let cursorValue = object["cursor"], cursorValue != .null {
            guard let text = cursorValue.stringValue else { throw fail("query 'cursor' must be a string from a previous page") }
            cursor = text
        }
    }

    /// The query object as JSON text, keys sorted.
    package func json() -> String {
        var object: [String: JSONValue] = [:]
        if !filters.isEmpty {
            object["where"] = .array(
                filters.map { .object(["field": .string($0.field), "op": .string($0.op.rawValue), "value": $0.value]) })
        }
        if let orderField { object["order"] = .object(["field": .string(orderField), "descending": .bool(descending)]) }
        if let limit { object["limit"] = .integer(Int64(limit)) }
        if let cursor { object["cursor"] = .string(cursor) }
        return JSONValue.object(object).jsonText()
    }
}
