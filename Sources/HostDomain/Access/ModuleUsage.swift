// ModuleUsage: how much each app is used per school — documents stored and distinct users who opened it recently.
import GRDB
import HostStorage

/// Usage figures for the authority's matrix, read from what the host already keeps: the
/// documents each plugin stores per school, and the daily visits ``ModuleVisits`` records
/// when a logged-in user calls an app.
package enum ModuleUsage {
    package struct Figures: Sendable, Equatable {
        package var documents = 0
        /// Distinct users who opened the app in the last 30 days.
        package var users = 0

        package init(documents: Int = 0, users: Int = 0) {
            self.documents = documents
            self.users = users
        }
    }

    /// Figures keyed by school id, then plugin id.
    /// The figures of `pluginIDs` in each of `schoolIDs`, by school then plugin.
    package static func figures(schoolIDs: [String], pluginIDs: [String], database: SQLiteDatabase) throws -> [String: [String: Figures]] {
        try database.pool.read { db in try figures(db, schoolIDs: schoolIDs, pluginIDs: pluginIDs) }
    }

    package static func figures(_ db: GRDB.Database, schoolIDs: [String], pluginIDs: [String]) throws -> [String: [String: Figures]] {
        guard !schoolIDs.isEmpty else { return [:] }
        var result: [String: [String: Figures]] = [:]
        let list = sqlPlaceholders(schoolIDs.count)
        for plugin in pluginIDs {
            // (plugin, scope) is the documents' key prefix: one index range per app.
            for row in try Row.fetchAll(
                db, sql: "SELECT scope, count(*) AS n FROM documents WHERE plugin = ? AND scope IN (\(list)) GROUP BY scope",
                arguments: StatementArguments([plugin] + schoolIDs))
            {
                result[row["scope"], default: [:]][plugin, default: Figures()].documents = row["n"]
            }
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT school_id, plugin_id, count(DISTINCT user_id) AS n FROM plugin_visits
                WHERE school_id IN (\(list)) AND day >= date('now', '-30 days') GROUP BY school_id, plugin_id
                """, arguments: StatementArguments(schoolIDs))
        {
            result[row["school_id"], default: [:]][row["plugin_id"], default: Figures()].users = row["n"]
        }
        return result
    }
}
