// PostgresStatement: a query whose text and bindings are built together, for the statements whose conditions vary.
import PostgresNIO

/// `let id = statement.bind(value)` appends a binding and answers its `$n`, for the text.
struct PostgresStatement {
    var sql = ""
    private(set) var bindings = PostgresBindings()

    /// The placeholder of `value`, appended to the bindings.
    mutating func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws -> String {
        try bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Placeholders of `values`, comma-separated.
    mutating func bind(list values: [String]) throws -> String {
        try values.map { try bind($0) }.joined(separator: ", ")
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
