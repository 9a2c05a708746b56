// StoreQuery: builds the JSON query of `cartable.store/1` (filters, order, limit, cursor).
import Foundation

/// A query on indexed fields. Values compare as JSON scalars: strings with strings,
/// numbers with numbers.
///
/// ```swift
/// StoreQuery().where("done", .eq, false).order(by: "due").limit(20)
/// ```
public struct StoreQuery: Sendable {
    public enum Operator: String, Sendable {
        case eq, ne, lt, le, gt, ge
    }

    /// A JSON scalar to compare with.
    public enum Value: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral {
        case string(String)
        case integer(Int64)
        case double(Double)
        case bool(Bool)
        case null

        public init(stringLiteral value: String) { self = .string(value) }
        public init(integerLiteral value: Int64) { self = .integer(value) }
        public init(booleanLiteral value: Bool) { self = .bool(value) }
        public init(floatLiteral value: Double) { self = .double(value) }

        var json: Any {
            switch self {
            case .string(let text): text
            case .integer(let number): number
            case .double(let number): number
            case .bool(let flag): flag
            case .null: NSNull()
            }
        }
    }

    private var filters: [(String, Operator, Value)] = []
    private var orderField: String?
    private var descending = false
    private var pageSize: Int?
    private var cursor: String?

    public init() {}

    public func `where`(_ field: String, _ op: Operator, _ value: Value) -> StoreQuery {
        var copy = self
        copy.filters.append((field, op, value))
        return copy
    }

    /// Orders by an indexed field (ties broken by id); the default order is by id.
    public func order(by field: String, descending: Bool = false) -> StoreQuery {
        var copy = self
        copy.orderField = field
        copy.descending = descending
        return copy
    }

    /// At most `count` items per page (1 to 1000; default 50).
    public func limit(_ count: Int) -> StoreQuery {
        var copy = self
        copy.pageSize = count
        return copy
    }

    /// Continues after the page that returned `cursor`.
    public func after(_ cursor: String?) -> StoreQuery {
        var copy = self
        copy.cursor = cursor
        return copy
    }

    func json() throws -> String {
        var object: [String: Any] = [:]
        if !filters.isEmpty {
            object["where"] = filters.map { ["field": $0.0, "op": $0.1.rawValue, "value": $0.2.json] }
        }
        if let orderField { object["order"] = ["field": orderField, "descending": descending] }
        if let pageSize { object["limit"] = pageSize }
        if let cursor { object["cursor"] = cursor }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
