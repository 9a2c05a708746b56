// DatabaseLocation: which engine and where — `--data DIR` (SQLite) or `--database postgres://…` (PostgreSQL).
import Foundation

package enum DatabaseLocation: Sendable, Equatable {
    /// `cartable.sqlite` in this folder.
    case sqlite(URL)
    /// A `postgres://` URL (see ``PostgresLocation``).
    case postgres(String)

    /// `--database` when given (it must be a PostgreSQL URL), else the SQLite file of `--data`.
    package static func from(database: String?, data: URL) throws -> DatabaseLocation {
        guard let database else { return .sqlite(data) }
        _ = try PostgresLocation(url: database)
        return .postgres(database)
    }
}
