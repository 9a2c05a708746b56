// PostgresPreparedStatements: the statements one PostgreSQL connection keeps prepared, by text, so that the server parses and plans each once.
import PostgresNIO

/// Planning was most of PostgreSQL's work on a page (the timeline's unread count: 0.47 ms to
/// plan, 0.008 ms to run): a text run through this cache is prepared once per connection, and
/// the server plans it at most a few times before it keeps a generic plan.
///
/// Only the connection's holder touches it (the pool lends both together, to one caller at a
/// time), hence `@unchecked Sendable`. At most ``capacity`` texts; the least recently used is
/// deallocated to make room. A text the server cannot prepare without values (a parameter whose
/// type nothing tells, `? IS NULL`) is remembered as refused and keeps running unprepared.
final class PostgresPreparedStatements: @unchecked Sendable {
    static let capacity = 256

    private var prepared: [String: (statement: Prepared, used: UInt64)] = [:]
    private var refused: Set<String> = []
    private var clock: UInt64 = 0

    /// A statement the server keeps, with the types it inferred for its parameters.
    struct Prepared {
        let query: PreparedQuery
        let types: [ParameterType]
    }

    /// The prepared statement of `sql`, marked as just used.
    func lookup(_ sql: String) -> Prepared? {
        guard let index = prepared.index(forKey: sql) else { return nil }
        clock &+= 1
        prepared.values[index].used = clock
        return prepared.values[index].statement
    }

    /// Keeps `statement` for `sql`; answers the query it pushed out, which the caller deallocates.
    func keep(_ sql: String, _ statement: Prepared) -> PreparedQuery? {
        var evicted: PreparedQuery?
        if prepared.count >= Self.capacity, let oldest = prepared.min(by: { $0.value.used < $1.value.used }) {
            evicted = oldest.value.statement.query
            prepared[oldest.key] = nil
        }
        clock &+= 1
        prepared[sql] = (statement, clock)
        return evicted
    }

    func refuse(_ sql: String) {
        if refused.count < Self.capacity { refused.insert(sql) }
    }

    func isRefused(_ sql: String) -> Bool { refused.contains(sql) }

    /// Whether `sql` is one statement PostgreSQL can prepare (a query or a data change).
    static func preparable(_ sql: String) -> Bool {
        guard !sql.utf8.contains(UInt8(ascii: ";")) else { return false }
        let keyword = sql.utf8.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x28 }).prefix(6)
        let word = String(decoding: keyword, as: UTF8.self).uppercased()
        return ["SELECT", "INSERT", "UPDATE", "DELETE", "VALUES"].contains { word.hasPrefix($0) } || word.hasPrefix("WITH")
    }

    /// The types the server inferred for a prepared statement's parameters, by the names
    /// `pg_prepared_statements` gives them; nil when one is of a type the host does not send.
    static func parameterTypes(_ names: [String]) -> [ParameterType]? {
        var types: [ParameterType] = []
        for name in names {
            guard let type = ParameterType(rawValue: name) else { return nil }
            types.append(type)
        }
        return types
    }

    /// The values in the binary form of the types the server inferred (postgres-nio binds a
    /// prepared statement's values in binary only); nil when a value does not fit its type (the
    /// call then runs by its text, where the value's own type decides).
    static func binaryValues(_ arguments: SQLArguments, as types: [ParameterType]) -> [PostgresData]? {
        guard types.count == arguments.values.count else { return nil }
        var values: [PostgresData] = []
        values.reserveCapacity(types.count)
        for (value, type) in zip(arguments.values, types) {
            guard let bytes = type.binary(value) else { return nil }
            values.append(PostgresData(type: type.dataType, value: bytes))
        }
        return values
    }

    /// A parameter type the host sends values of, as `pg_prepared_statements` names it.
    enum ParameterType: String {
        case text, characterVarying = "character varying", character, name, unknown, json, jsonb
        case bigint, integer, smallint, doublePrecision = "double precision", real, boolean, bytea

        var dataType: PostgresDataType {
            switch self {
            case .text, .characterVarying, .character, .name, .unknown: .text
            case .json: .json
            case .jsonb: .jsonb
            case .bigint: .int8
            case .integer: .int4
            case .smallint: .int2
            case .doublePrecision: .float8
            case .real: .float4
            case .boolean: .bool
            case .bytea: .bytea
            }
        }

        /// The value's bytes in this type's binary form; `.some(nil)` for NULL, nil when it does not fit.
        func binary(_ value: SQLValue) -> ByteBuffer?? {
            if case .null = value { return .some(nil) }
            var buffer = ByteBuffer()
            switch (self, value) {
            case (.text, .text(let text)), (.characterVarying, .text(let text)), (.character, .text(let text)), (.name, .text(let text)),
                (.unknown, .text(let text)), (.json, .text(let text)):
                buffer.writeString(text)
            case (.jsonb, .text(let text)):
                // jsonb's binary form: its version (1), then the text.
                buffer.writeInteger(UInt8(1))
                buffer.writeString(text)
            case (.bigint, .integer(let number)): buffer.writeInteger(number)
            case (.integer, .integer(let number)):
                guard let narrow = Int32(exactly: number) else { return nil }
                buffer.writeInteger(narrow)
            case (.smallint, .integer(let number)):
                guard let narrow = Int16(exactly: number) else { return nil }
                buffer.writeInteger(narrow)
            case (.doublePrecision, .real(let number)): buffer.writeInteger(number.bitPattern)
            case (.doublePrecision, .integer(let number)): buffer.writeInteger(Double(number).bitPattern)
            case (.boolean, .integer(let number)): buffer.writeInteger(UInt8(number == 0 ? 0 : 1))
            case (.bytea, .blob(let bytes)): buffer.writeBytes(bytes)
            default: return nil
            }
            return .some(buffer)
        }
    }
}
