// SQLSession: one connection inside a transaction, as every storage sees it on either engine.

/// Statements run on one connection, inside the read or write transaction ``HostDatabase``
/// opened. SQL is written with `?` placeholders in the SQL both engines share; the
/// session renders what differs (PostgreSQL's `$1`, its types) and ``dialect`` writes the
/// few fragments that cannot be shared.
package protocol SQLSession {
    var dialect: SQLDialect { get }
    /// Runs one statement (or, without arguments, several separated by `;`); returns how many rows it changed.
    /// A statement with arguments stays compiled on the connection for its next call.
    func perform(sql: String, arguments: SQLArguments) throws -> Int
    /// Runs a query and returns its rows; the statement stays compiled on the connection.
    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow]
    /// How many rows the last statement changed.
    var changesCount: Int { get }
    /// A statement compiled once per connection, to run again and again (an import's, a batch's).
    func cachedStatement(sql: String) throws -> SQLStatement
    func perform(_ statement: SQLStatement, arguments: SQLArguments) throws -> Int
    func rows(_ statement: SQLStatement, arguments: SQLArguments) throws -> [SQLRow]
    /// Runs a write whose answer nobody reads, possibly later: PostgreSQL sends it without waiting
    /// (the next statement that waits, or the commit, reports its failure); SQLite runs it now.
    func performLater(_ statement: SQLStatement, arguments: SQLArguments) throws
}

/// A statement of ``SQLSession/cachedStatement(sql:)``, with what the engine compiled.
package struct SQLStatement {
    let session: any SQLSession
    let sql: String
    /// The engine's compiled statement (SQLite's), or nil where the server keeps it.
    let compiled: AnyObject?

    @discardableResult
    package func execute(arguments: SQLArguments = []) throws -> Int {
        try session.perform(self, arguments: arguments)
    }

    /// A write in a long run of writes (an import's): no round trip of its own on PostgreSQL.
    package func executeLater(arguments: SQLArguments = []) throws {
        try session.performLater(self, arguments: arguments)
    }
}

extension SQLSession {
    @discardableResult
    package func execute(sql: String, arguments: SQLArguments = []) throws -> Int {
        try perform(sql: sql, arguments: arguments)
    }
}

extension SQLRow {
    package static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [SQLRow] {
        try statement.session.rows(statement, arguments: arguments)
    }

    package static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRow? {
        try fetchAll(statement, arguments: arguments).first
    }

    package static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.rows(sql: sql, arguments: arguments)
    }

    package static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.rows(sql: sql, arguments: arguments).first
    }
}

extension SQLReadable {
    package static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
        try statement.session.rows(statement, arguments: arguments).compactMap { Self(sqlValue: $0.value(at: 0)) }
    }

    package static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try statement.session.rows(statement, arguments: arguments).first.flatMap { Self(sqlValue: $0.value(at: 0)) }
    }

    /// The first column of every row (NULLs and values of another type skipped).
    package static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.rows(sql: sql, arguments: arguments).compactMap { Self(sqlValue: $0.value(at: 0)) }
    }

    /// The first column of the first row; `nil` without a row or for NULL.
    package static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try db.rows(sql: sql, arguments: arguments).first.flatMap { Self(sqlValue: $0.value(at: 0)) }
    }
}

extension SQLReadable where Self: Hashable {
    package static func fetchSet(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> Set<Self> {
        Set(try fetchAll(db, sql: sql, arguments: arguments))
    }
}
