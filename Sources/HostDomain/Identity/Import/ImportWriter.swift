// ImportWriter: applies checked import rows to the directory inside one transaction.
import Foundation
import GRDB
import HostStorage

/// The write side of ``UserImport``; the caller commits, or rolls back for a dry run.
struct ImportWriter {
    let db: GRDB.Database
    let options: UserImport.Options
    /// Columns the file has: a missing column leaves that data as it is.
    let columns: Set<ImportColumn>

    private struct Existing {
        let id: String
        let login: String
        let firstName: String
        let lastName: String
        let profile: String
        let email: String?
        let birthDate: String?
    }

    func apply(_ rows: [ImportRow]) throws -> ImportReport {
        guard let school = try Directory.school(db, uai: options.schoolUAI) else {
            throw ImportFailure(errors: [
                ImportError(
                    line: nil, "no school with UAI \(options.schoolUAI.uppercased()): create it first (cartable admin create-school)")
            ])
        }
        var report = ImportReport()
        let now = Directory.now()
        let expires = Date().addingTimeInterval(Double(ActivationCode.lifetimeDays) * 86_400).formatted(.iso8601)

        var existing: [String: Existing] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT id, external_id, login, first_name, last_name, profile, email, birth_date FROM users WHERE external_id IS NOT NULL"
        ) {
            existing[row["external_id"]] = Existing(
                id: row["id"], login: row["login"], firstName: row["first_name"], lastName: row["last_name"],
                profile: row["profile"], email: row["email"], birthDate: row["birth_date"])
        }
        // People also in a school outside the import's reach keep their name, profile, e-mail and birth date.
        var elsewhere = Set<String>()
        if case .within(let schools) = options.matching {
            let reach = Array(schools.union([school.id]))
            elsewhere = Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT user_id FROM user_schools WHERE detached_at IS NULL AND school_id NOT IN (\(sqlPlaceholders(reach.count)))
                        """, arguments: StatementArguments(reach)))
        }
        var logins = LoginMaker(taken: Set(try String.fetchAll(db, sql: "SELECT login FROM users")))
        // The school's current members, with their profiles (a full sync detaches by profile).
        var attachedProfiles: [String: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT us.user_id, u.profile FROM user_schools us JOIN users u ON u.id = us.user_id WHERE us.school_id = ? AND us.detached_at IS NULL
                """, arguments: [school.id])
        {
            attachedProfiles[row["user_id"]] = row["profile"]
        }
        let attached = Set(attachedProfiles.keys)
        var classIDs: [String: String] = [:]
        var classNames: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM classes WHERE school_id = ?", arguments: [school.id]) {
            classIDs[row["name"]] = row["id"]
            classNames[row["id"]] = row["name"]
        }
        var memberships: [String: Set<String>] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT uc.user_id, uc.class_id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE c.school_id = ?",
            arguments: [school.id])
        {
            memberships[row["user_id"], default: []].insert(row["class_id"])
        }

        let insertUser = try db.cachedStatement(
            sql: """
                INSERT INTO users (id, external_id, login, first_name, last_name, display_name, profile, email, birth_date, state,
                                   activation_code, activation_expires_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
                """)
        let updateUser = try db.cachedStatement(
            sql: """
                UPDATE users SET
                    display_name = CASE WHEN display_name = first_name || ' ' || last_name THEN ? ELSE display_name END,
                    first_name = ?, last_name = ?, profile = ?, email = ?, birth_date = ?, updated_at = ?
                WHERE id = ?
                """)
        let attach = try db.cachedStatement(
            sql: """
                INSERT INTO user_schools (user_id, school_id, detached_at) VALUES (?, ?, NULL)
                ON CONFLICT (user_id, school_id) DO UPDATE SET detached_at = NULL
                """)
        let addClass = try db.cachedStatement(sql: "INSERT OR IGNORE INTO user_classes (user_id, class_id) VALUES (?, ?)")
        let removeClass = try db.cachedStatement(sql: "DELETE FROM user_classes WHERE user_id = ? AND class_id = ?")

        var imported: [String: String] = [:]  // external id -> user id
        for (index, row) in rows.enumerated() {
            if let progress = options.progress, rows.count > options.progressStep, (index + 1) % options.progressStep == 0 {
                progress(index + 1, rows.count)
            }
            let userID: String
            let login: String
            if let user = existing[row.externalID] {
                userID = user.id
                login = user.login
                let email = columns.contains(.email) ? row.email : user.email
                let birthDate = columns.contains(.birthDate) ? row.birthDate : user.birthDate
                let differs =
                    user.firstName != row.firstName || user.lastName != row.lastName || user.profile != row.profile.rawValue
                    || user.email != email || user.birthDate != birthDate
                if differs, elsewhere.contains(userID) {
                    report.kept.append(
                        .init(externalID: row.externalID, login: login, name: "\(user.firstName) \(user.lastName)", detail: nil))
                } else if differs {
                    try updateUser.execute(arguments: [
                        row.displayName, row.firstName, row.lastName, row.profile.rawValue, email, birthDate, now, userID,
                    ])
                    report.updated.append(.init(externalID: row.externalID, login: login, name: row.displayName, detail: nil))
                } else if attached.contains(userID) {
                    report.unchanged += 1
                }
            } else {
                userID = UUID().uuidString.lowercased()
                login = logins.make(firstName: row.firstName, lastName: row.lastName)
                try insertUser.execute(arguments: [
                    userID, row.externalID, login, row.firstName, row.lastName, row.displayName, row.profile.rawValue,
                    row.email, row.birthDate, ActivationCode.make(), expires, now, now,
                ])
                report.created.append(.init(externalID: row.externalID, login: login, name: row.displayName, detail: nil))
            }
            imported[row.externalID] = userID
            if !attached.contains(userID) { try attach.execute(arguments: [userID, school.id]) }

            guard columns.contains(.classes) else { continue }
            var target = Set<String>()
            for name in row.classes {
                if let id = classIDs[name] {
                    target.insert(id)
                } else {
                    let id = try Directory.ensureClass(db, schoolID: school.id, name: name, level: row.level)
                    classIDs[name] = id
                    classNames[id] = name
                    report.classesCreated.append(name)
                    target.insert(id)
                }
            }
            let current = memberships[userID] ?? []
            if target != current {
                for id in current.subtracting(target) { try removeClass.execute(arguments: [userID, id]) }
                for id in target.subtracting(current) { try addClass.execute(arguments: [userID, id]) }
                if existing[row.externalID] != nil {
                    let names = { (ids: Set<String>) in ids.compactMap { classNames[$0] }.sorted().joined(separator: ", ") }
                    let from = current.isEmpty ? "no class" : names(current), to = target.isEmpty ? "no class" : names(target)
                    report.moved.append(.init(externalID: row.externalID, login: login, name: row.displayName, detail: "\(from) → \(to)"))
                }
            }
        }

        try linkChildren(rows, imported: imported, schoolID: school.id)
        if options.mode == .fullSync {
            let profiles = Set(rows.map(\.profile.rawValue))
            let absent = attached.subtracting(imported.values).filter { profiles.contains(attachedProfiles[$0] ?? "") }
            try detach(school: school, gone: absent.subtracting([options.actor].compactMap { $0 }), memberships: memberships, into: &report)
        }
        return report
    }

    /// Replaces each listed relative's children in this school with the ones the file names
    /// (checked beforehand); children of other schools stay linked.
    private func linkChildren(_ rows: [ImportRow], imported: [String: String], schoolID: String) throws {
        var current: [String: Set<String>] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT parent_id, child_id FROM parent_links WHERE child_id IN (SELECT user_id FROM user_schools WHERE school_id = ?)
                """, arguments: [schoolID])
        {
            current[row["parent_id"], default: []].insert(row["child_id"])
        }
        let link = try db.cachedStatement(sql: "INSERT OR IGNORE INTO parent_links (parent_id, child_id) VALUES (?, ?)")
        let unlink = try db.cachedStatement(sql: "DELETE FROM parent_links WHERE parent_id = ? AND child_id = ?")
        for row in rows where row.profile == .relative && !row.children.isEmpty {
            guard let parentID = imported[row.externalID] else { continue }
            var childIDs: [String] = []
            for external in row.children {
                if let id = try imported[external]
                    ?? String.fetchOne(db, sql: "SELECT id FROM users WHERE external_id = ?", arguments: [external])
                {
                    childIDs.append(id)
                }
            }
            let target = Set(childIDs), before = current[parentID] ?? []
            for childID in before.subtracting(target) { try unlink.execute(arguments: [parentID, childID]) }
            for childID in target.subtracting(before) { try link.execute(arguments: [parentID, childID]) }
        }
    }

    /// Detaches the school's users of a full sync that the file no longer lists: kept, but out of the school and its classes.
    private func detach(
        school: Directory.School, gone: Set<String>, memberships: [String: Set<String>], into report: inout ImportReport
    ) throws {
        guard !gone.isEmpty else { return }
        let now = Directory.now()
        let mark = try db.cachedStatement(sql: "UPDATE user_schools SET detached_at = ? WHERE user_id = ? AND school_id = ?")
        let removeClass = try db.cachedStatement(sql: "DELETE FROM user_classes WHERE user_id = ? AND class_id = ?")
        // What the school's resources were shared with the person goes with them.
        let unshare = try db.cachedStatement(sql: "DELETE FROM shares WHERE school_id = ? AND target_kind = 'user' AND target_id = ?")
        for userID in gone.sorted() {
            try mark.execute(arguments: [now, userID, school.id])
            try unshare.execute(arguments: [school.id, userID])
            for classID in memberships[userID] ?? [] { try removeClass.execute(arguments: [userID, classID]) }
            if let row = try Row.fetchOne(db, sql: "SELECT external_id, login, display_name FROM users WHERE id = ?", arguments: [userID]) {
                report.detached.append(
                    .init(externalID: row["external_id"] ?? "", login: row["login"], name: row["display_name"], detail: nil))
            }
        }
    }
}
