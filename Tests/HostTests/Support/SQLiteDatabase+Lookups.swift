// HostDatabase+Lookups: the one value a test needs from the database (an id by login or UAI), or a clear failure.
import HostStorage
import Testing

extension HostDatabase {
    /// The single string `sql` selects; the test fails, naming the query, when there is none.
    func value(_ sql: String) async throws -> String {
        try #require(try read { db in try String.fetchOne(db, sql: sql) }, "nothing for \(sql)")
    }

    /// The id of the demo account with this login.
    func user(_ login: String) async throws -> String {
        try await value("SELECT id FROM users WHERE login = '\(login)'")
    }

    /// The id of the school with this UAI.
    func school(_ uai: String) async throws -> String {
        try await value("SELECT id FROM schools WHERE uai = '\(uai)'")
    }
}
