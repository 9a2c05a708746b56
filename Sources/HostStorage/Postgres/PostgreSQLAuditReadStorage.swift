// PostgreSQLAuditReadStorage: the audit log, recorded and read by page, for PostgreSQL.
import Foundation
import PostgresNIO

extension PostgreSQLDatabase {
    /// The audit log of this database, for reading.
    package var auditTrail: any AuditReadStorage { PostgreSQLAuditReadStorage(database: self) }
}

struct PostgreSQLAuditReadStorage: AuditReadStorage {
    let database: PostgreSQLDatabase

    func record(_ entry: AuditEntry) throws {
        let at = entry.at.formatted(.iso8601)
        try database.blocking { client in
            try await client.query(
                """
                INSERT INTO audit_log (at, actor_id, action, target, detail, address, school_id)
                VALUES (\(at), \(entry.actor), \(entry.action), \(entry.target), \(entry.detail), \(entry.address), \(entry.school))
                """)
        }
    }

    func page(schoolIDs: [String]?, before: Int64?, action: String?, limit: Int) throws -> [AuditRecord] {
        var statement = PostgresStatement()
        var conditions: [String] = []
        if let schools = schoolIDs {
            guard !schools.isEmpty else { return [] }
            let direct = try statement.bind(list: schools), actors = try statement.bind(list: schools)
            let targets = try statement.bind(list: schools)
            conditions.append(
                """
                (a.school_id IN (\(direct)) OR a.actor_id IN (SELECT user_id FROM user_schools WHERE school_id IN (\(actors)) AND detached_at IS NULL)
                 OR a.target IN (SELECT user_id FROM user_schools WHERE school_id IN (\(targets)) AND detached_at IS NULL))
                """)
        }
        if let before { conditions.append("a.id < \(try statement.bind(before))") }
        if let action, !action.isEmpty { conditions.append("a.action = \(try statement.bind(action))") }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        statement.sql = """
            SELECT a.id, a.at, a.action, a.detail, a.address,
                coalesce(actor.display_name, a.actor_id) AS actor, actor.login AS actor_login,
                coalesce(target.display_name, school.name || ' (' || school.uai || ')', uai.name || ' (' || uai.uai || ')',
                    grp.name, role.name, authority.name, client.name, a.target) AS target,
                target.login AS target_login
            FROM audit_log a LEFT JOIN users actor ON actor.id = a.actor_id LEFT JOIN users target ON target.id = a.target
                LEFT JOIN schools school ON school.id = a.target LEFT JOIN schools uai ON uai.uai = a.target
                LEFT JOIN groups grp ON grp.id = a.target LEFT JOIN roles role ON role.id = a.target
                LEFT JOIN authorities authority ON authority.id = a.target LEFT JOIN sso_clients client ON client.id = a.target
            \(filter) ORDER BY a.id DESC LIMIT \(try statement.bind(limit))
            """
        let query = statement.query
        return try database.blocking { client in
            var records: [AuditRecord] = []
            let rows = try await client.query(query)
            for try await (id, at, action, detail, address, actor, actorLogin, target, targetLogin) in rows.decode(
                (Int64, String, String, String?, String?, String?, String?, String?, String?).self)
            {
                records.append(
                    AuditRecord(
                        id: id, at: at, action: action, actor: actor, actorLogin: actorLogin, target: target, targetLogin: targetLogin,
                        detail: detail, address: address))
            }
            return records
        }
    }
}
