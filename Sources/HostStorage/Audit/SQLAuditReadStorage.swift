// SQLAuditReadStorage: the audit log's pages on both engines (audit_log, with logins from users).

extension HostDatabase {
    /// The audit log of this database, for reading.
    package var auditTrail: any AuditReadStorage { SQLAuditReadStorage(database: self) }
}

struct SQLAuditReadStorage: AuditReadStorage {
    let database: HostDatabase

    func record(_ entry: AuditEntry) throws {
        try database.write { db in try AuditLog.record(db, entry) }
    }

    func page(schoolIDs: [String]?, before: Int64?, action: String?, limit: Int) throws -> [AuditRecord] {
        var conditions: [String] = []
        var arguments: [(any SQLBindable)?] = []
        if let schools = schoolIDs {
            guard !schools.isEmpty else { return [] }
            let list = sqlPlaceholders(schools.count)
            conditions.append(
                """
                (a.school_id IN (\(list)) OR a.actor_id IN (SELECT user_id FROM user_schools WHERE school_id IN (\(list)) AND detached_at IS NULL)
                 OR a.target IN (SELECT user_id FROM user_schools WHERE school_id IN (\(list)) AND detached_at IS NULL))
                """)
            arguments += schools + schools + schools
        }
        if let before {
            conditions.append("a.id < ?")
            arguments.append(before)
        }
        if let action, !action.isEmpty {
            conditions.append("a.action = ?")
            arguments.append(action)
        }
        arguments.append(limit)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.at, a.action, a.detail, a.address,
                        coalesce(actor.display_name, a.actor_id) AS actor, actor.login AS actor_login,
                        coalesce(target.display_name, school.name || ' (' || school.uai || ')', uai.name || ' (' || uai.uai || ')',
                            grp.name, role.name, authority.name, client.name, a.target) AS target,
                        target.login AS target_login
                    FROM audit_log a LEFT JOIN users actor ON actor.id = a.actor_id LEFT JOIN users target ON target.id = a.target
                        LEFT JOIN schools school ON school.id = a.target LEFT JOIN schools uai ON uai.uai = a.target
                        LEFT JOIN groups grp ON grp.id = a.target LEFT JOIN roles role ON role.id = a.target
                        LEFT JOIN authorities authority ON authority.id = a.target LEFT JOIN sso_clients client ON client.id = a.target
                    \(filter) ORDER BY a.id DESC LIMIT ?
                    """, arguments: SQLArguments(arguments)
            ).map {
                AuditRecord(
                    id: $0["id"], at: $0["at"], action: $0["action"], actor: $0["actor"], actorLogin: $0["actor_login"],
                    target: $0["target"],
                    targetLogin: $0["target_login"], detail: $0["detail"], address: $0["address"])
            }
        }
    }
}
