// StoreQuery: builds the JSON query of `cartable.store/1` (filters, order, limit, cursor).
import CartableWire
import Foundation

/// A query on indexed fields. Values compare as JSON scalars: strings with strings,
/// numbers with numbers.
///
/// ```swift
/// StoreQuery().where("done", .eq, false).order(by: "due").limit(20)
/// ```
public struct StoreQuery: Sendable {
    /// eq, ne, lt, le, gt, ge.
    public enum Operator: String, Sendable {
        case eq, ne, lt, le, gt, ge

        var wire: StoreQueryJSON.Operator {
            switch self {
            case .eq: .eq
            case .ne: .ne
            case .lt: .lt
            case .le: .le
            case .gt: .gt
            case .ge: .ge
            }
        }
    }

    /// A JSON scalar to compare with.
    public enum Value: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
        ExpressibleByFloatLiteral
    {
        case string(String)
        case integer(Int64)
        case double(Double)
        case bool(Bool)
        case null

        public init(stringLiteral value: String) { self = .string(value) }
        public init(integerLiteral value: Int64) { self = .integer(value) }
        public init(booleanLiteral value: Bool) { self = .bool(value) }
        public init(floatLiteral value: Double) { self = .double(value) }

        var json: JSONValue {
            switch self {
            case .string(let text): .string(text)
            case .integer(let number): .integer(number)
            case .double(let number): .double(number)
            case .bool(let flag): .bool(flag)
            case .null: .null
            }
        }
    }

    private var query = StoreQueryJSON()

    public init() {}

    public func `where`(_ field: String, _ op: Operator, _ value: Value) -> StoreQuery {
        var copy = self
        copy.query.filters.append(.init(field: field, op: op.wire, value: value.json))
        return copy
    }

    /// Orders by an indexed field (ties broken by id); the default order is by id.
    public func order(by field: String, descending: Bool = false) -> StoreQuery {
        var copy = self
        copy.query.orderField = field == "id" ? nil : field
        copy.query.descending = descending
        return copy
    }

    /// At most `count` items per page (1 to 1000; default 50).
    public func limit(_ count: Int) -> StoreQuery {
        var copy = self
        copy.query.limit = count
        return copy
    }

    /// Continues after the page that returned `cursor`.
    public func after(_ cursor: String?) -> StoreQuery {
        var copy = self
        copy.query.cursor = cursor
        return copy
    }

    func json() -> String { query.json() }
}
