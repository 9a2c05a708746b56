// SQLRow: one row of a result, read by column name as the Swift type the caller asks for.

/// The column names of a result, shared by its rows.
package final class SQLColumns: Sendable {
    package let names: [String]
    let indexes: [String: Int]

    package init(_ names: [String]) {
        self.names = names
        var indexes: [String: Int] = [:]
        // The first column of a name wins, as in SQLite.
        for (index, name) in names.enumerated() where indexes[name] == nil { indexes[name] = index }
        self.indexes = indexes
    }
}

/// A row: values by position, looked up by name.
package struct SQLRow: Sendable {
    package let columns: SQLColumns
    package let values: [SQLValue]

    package init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of a column; `.null` for a name the statement does not select.
    package func value(_ name: String) -> SQLValue {
        columns.indexes[name].map { values[$0] } ?? .null
    }

    /// The raw value at a position.
    package func value(at index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// A column that may be NULL.
    package subscript<Value: SQLReadable>(_ name: String) -> Value? {
        let raw = value(name)
        return raw == .null ? nil : Value(sqlValue: raw)
    }

    /// A column the schema declares NOT NULL. A NULL or another type here is a bug of the
    /// statement (a column misnamed, a type changed), not of anyone's input: it stops with its name.
    package subscript<Value: SQLReadable>(_ name: String) -> Value {
        guard let read = Value(sqlValue: value(name)) else {
            preconditionFailure("column '\(name)' holds \(value(name)), not a \(Value.self): the statement and the schema disagree")
        }
        return read
    }

    /// The first column that may be NULL, by position.
    package subscript<Value: SQLReadable>(_ index: Int) -> Value? {
        let raw = value(at: index)
        return raw == .null ? nil : Value(sqlValue: raw)
    }

    /// A NOT NULL column, by position.
    package subscript<Value: SQLReadable>(_ index: Int) -> Value {
        guard let read = Value(sqlValue: value(at: index)) else {
            preconditionFailure("column \(index) holds \(value(at: index)), not a \(Value.self): the statement and the schema disagree")
        }
        return read
    }
}
