// SQLAccessReportsStorage: the console's reports on both engines (classes, groups, roles; documents and plugin_visits counts).
import Foundation

extension HostDatabase {
    /// The console's reports on this database.
    package var accessReports: any AccessReportsStorage { SQLAccessReportsStorage(database: self) }
}

struct SQLAccessReportsStorage: AccessReportsStorage {
    let database: HostDatabase

    func schoolOverview(schoolID: String) throws -> SchoolOverview {
        try database.read { db in try SchoolOverview.read(db, schoolID: schoolID) }
    }

    func usage(schoolIDs: [String], pluginIDs: [String]) throws -> [String: [String: UsageFigures]] {
        guard !schoolIDs.isEmpty else { return [:] }
        return try database.read { db in
            var result: [String: [String: UsageFigures]] = [:]
            let list = sqlPlaceholders(schoolIDs.count)
            for plugin in pluginIDs {
                // (plugin, scope) is the documents' key prefix: one index range per app.
                for row in try SQLRow.fetchAll(
                    db, sql: "SELECT scope, count(*) AS n FROM documents WHERE plugin = ? AND scope IN (\(list)) GROUP BY scope",
                    arguments: SQLArguments([plugin] + schoolIDs))
                {
                    result[row["scope"], default: [:]][plugin, default: UsageFigures()].documents = row["n"]
                }
            }
            // The last 30 days of visits (days are `2026-11-23`, in UTC).
            let since = String(Date().addingTimeInterval(-30 * 86_400).formatted(.iso8601).prefix(10))
            for row in try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT school_id, plugin_id, count(DISTINCT user_id) AS n FROM plugin_visits
                    WHERE school_id IN (\(list)) AND day >= ? GROUP BY school_id, plugin_id
                    """, arguments: SQLArguments(schoolIDs) + [since])
            {
                result[row["school_id"], default: [:]][row["plugin_id"], default: UsageFigures()].users = row["n"]
            }
            return result
        }
    }
}
