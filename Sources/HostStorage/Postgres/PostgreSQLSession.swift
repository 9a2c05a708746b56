// PostgreSQLSession: one leased connection running the storages' shared SQL — `?` numbered, values bound, rows read back as SQLValue.
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Runs a statement and waits for its rows (the caller is on a thread that may block).
final class PostgreSQLSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    /// What the connection keeps prepared: rows are read through it.
    private let statements: PostgresPreparedStatements
    private let counts: PostgresStatementCounts
    /// Inside BEGIN … COMMIT: a statement that fails to prepare goes back to a savepoint, so the
    /// transaction goes on.
    private let inTransaction: Bool
    private(set) var changesCount = 0
    /// Statements sent without waiting (a transaction's BEGIN): their answers come before the next
    /// statement's, so they cost no round trip of their own.
    private var pending: [(sql: String, answer: EventLoopFuture<PostgresQueryResult>)] = []

    init(lease: PostgresConnectionPool.Lease, inTransaction: Bool, logger: Logger) {
        self.connection = lease.connection
        self.statements = lease.statements
        self.counts = lease.counts
        self.inTransaction = inTransaction
        self.logger = logger
    }

    var dialect: SQLDialect { .postgres }

    func perform(sql: String, arguments: SQLArguments) throws -> Int {
        // Only a text of several statements (a migration's) is split: one statement runs as written.
        if arguments.values.isEmpty, sql.contains(";") {
            for statement in PostgresDialect.split(sql) { changesCount = try run(statement, arguments).metadata.rows ?? 0 }
            return changesCount
        }
        changesCount = try run(sql, arguments).metadata.rows ?? 0
        return changesCount
    }

    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        let prepared = try preparedRows(sql, arguments)
        if prepared == nil, !arguments.values.isEmpty { counts.countReadByText() }
        let rows = try prepared ?? run(sql, arguments).rows
        guard let first = rows.first else { return [] }
        let columns = SQLColumns(first.map(\.columnName))
        // postgres-nio asks for every column in binary but labels a prepared statement's cells
        // with the format of its description (text): they are read as what they are.
        let relabel = prepared != nil
        return try rows.map { row in
            SQLRow(columns: columns, values: try row.map { cell in try Self.value(relabel ? Self.binary(cell) : cell) })
        }
    }

    private static func binary(_ cell: PostgresCell) -> PostgresCell {
        PostgresCell(
            bytes: cell.bytes, dataType: cell.dataType, format: .binary, columnName: cell.columnName, columnIndex: cell.columnIndex)
    }

    /// The rows of `sql` run as the connection's prepared statement (prepared at its first
    /// run here); nil when it is not one PostgreSQL can prepare, which then runs by its text.
    /// A statement already prepared is found before anything is worked out about its text.
    private func preparedRows(_ sql: String, _ arguments: SQLArguments) throws -> [PostgresRow]? {
        guard !arguments.values.isEmpty else { return nil }
        let statement: PostgresPreparedStatements.Prepared
        if let known = statements.lookup(sql) {
            statement = known
        } else {
            guard !statements.isRefused(sql), PostgresPreparedStatements.preparable(sql), let fresh = try prepare(sql) else { return nil }
            statement = fresh
        }
        guard let values = PostgresPreparedStatements.binaryValues(arguments, as: statement.types) else { return nil }
        let answer = statement.query.execute(values)
        try waitForPending()
        do {
            return try answer.wait()
        } catch let error as PSQLError {
            throw PostgresFailure(error: error, sql: sql)
        }
    }

    /// Prepares `sql` on the connection and keeps it with its parameters' types; nil (and the
    /// text remembered as refused) when the server cannot prepare it or infers a type the host
    /// does not send: the text then runs as before, unprepared.
    private func prepare(_ sql: String) throws -> PostgresPreparedStatements.Prepared? {
        let text = Self.numbered(sql)
        if inTransaction { send("SAVEPOINT cartable_prepare") }
        let answer = connection.prepare(query: text)
        try waitForPending()
        let query: PreparedQuery
        do {
            query = try answer.wait()
        } catch {
            logger.debug("PostgreSQL: not prepared, run by its text: \(String(reflecting: error)) in: \(sql.prefix(300))")
            statements.refuse(sql)
            if inTransaction { try execute(sql: "ROLLBACK TO SAVEPOINT cartable_prepare") }
            return nil
        }
        if inTransaction { send("RELEASE SAVEPOINT cartable_prepare") }
        let named = try run(
            "SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE statement = ?", SQLArguments([text]))
        let names = try named.rows.first?.first.map { cell in try cell.decode([String].self) } ?? []
        guard let types = PostgresPreparedStatements.parameterTypes(names) else {
            statements.refuse(sql)
            deallocate(query)
            return nil
        }
        let statement = PostgresPreparedStatements.Prepared(query: query, types: types)
        counts.countPrepared()
        if let evicted = statements.keep(sql, statement) { deallocate(evicted) }
        return statement
    }

    /// Drops a prepared statement from the server, without waiting (its connection runs it before its next statement).
    private func deallocate(_ query: PreparedQuery) {
        query.deallocate().whenFailure { [logger] error in logger.debug("PostgreSQL: a prepared statement was not deallocated: \(error)") }
    }

    /// Waits for the answers of the statements sent without waiting; the first failure is thrown.
    private func waitForPending() throws {
        let earlier = pending
        pending.removeAll()
        for (statement, answer) in earlier {
            do { _ = try answer.wait() } catch let error as PSQLError { throw PostgresFailure(error: error, sql: statement) }
        }
    }

    /// The server keeps nothing compiled for these statements: each runs by its text.
    func cachedStatement(sql: String) throws -> SQLStatement {
        SQLStatement(session: self, sql: sql, compiled: nil)
    }

    func perform(_ statement: SQLStatement, arguments: SQLArguments) throws -> Int {
        try perform(sql: statement.sql, arguments: arguments)
    }

    func performLater(_ statement: SQLStatement, arguments: SQLArguments) throws {
        let query = PostgresQuery(unsafeSQL: Self.numbered(statement.sql), binds: Self.bindings(arguments))
        pending.append((statement.sql, connection.query(query, logger: logger)))
    }

    func rows(_ statement: SQLStatement, arguments: SQLArguments) throws -> [SQLRow] {
        try rows(sql: statement.sql, arguments: arguments)
    }

    /// Sends statements without arguments and does not wait: the next statement waits for them.
    func send(_ sql: String) {
        for statement in sql.contains(";") ? PostgresDialect.split(sql) : [sql] {
            pending.append((statement, connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)))
        }
    }

    /// Sends a last statement (a read's COMMIT) whose answer nobody waits for; the connection runs
    /// it before whatever its next holder sends.
    func sendAndForget(_ sql: String) {
        pending.removeAll()
        connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).whenFailure { [logger] error in
            logger.debug("PostgreSQL: \(sql) failed: \(String(reflecting: error))")
        }
    }

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: Self.bindings(arguments))
        let answer = connection.query(query, logger: logger)
        let earlier = pending
        pending.removeAll()
        do {
            for (statement, earlierAnswer) in earlier {
                do { _ = try earlierAnswer.wait() } catch let error as PSQLError { throw PostgresFailure(error: error, sql: statement) }
            }
            return try answer.wait()
        } catch let error as PSQLError {
            throw PostgresFailure(error: error, sql: sql)
        } catch {
            _ = try? answer.wait()
            throw error
        }
    }

    /// `?` placeholders as `$1, $2…`, outside string literals and quoted names.
    static func numbered(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        var text = ""
        text.reserveCapacity(sql.utf8.count + 16)
        var quote: Character?
        var number = 0
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                text.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                text.append(character)
            } else if character == "?" {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        return text
    }

    /// Integers, doubles and bytes bound with their types; text bound untyped, so that PostgreSQL
    /// reads it as the column it meets needs (text, jsonb), as SQLite does with any value.
    static func bindings(_ arguments: SQLArguments) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(UntypedText(text: text))
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return bindings
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .numeric:
            let number = try cell.decode(Decimal.self)
            var rounded = number, source = number
            NSDecimalRound(&rounded, &source, 0, .plain)
            return rounded == number ? .integer(Int64(truncating: number as NSNumber)) : .real(Double(truncating: number as NSNumber))
        case .bytea: return .blob([UInt8](buffer: try cell.decode(ByteBuffer.self)))
        default:
            do {
                return .text(try cell.decode(String.self))
            } catch {
                throw StoreError.internal("column '\(cell.columnName)' has PostgreSQL type \(cell.dataType), which the host does not read")
            }
        }
    }
}

/// A text parameter without a type: PostgreSQL infers it from where it is used.
struct UntypedText: PostgresDynamicTypeEncodable {
    let text: String
    var psqlType: PostgresDataType { PostgresDataType(0) }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}

/// A statement PostgreSQL refused, with its message, its SQLSTATE and the statement.
struct PostgresFailure: Error, CustomStringConvertible {
    let error: PSQLError
    let sql: String

    var code: String? { error.serverInfo?[.sqlState] }

    var description: String {
        let message = error.serverInfo?[.message] ?? String(reflecting: error)
        return "PostgreSQL: \(message) (SQLSTATE \(code ?? "?")) in: \(sql.prefix(300))"
    }
}
