// ImportWriter: applies checked import rows to the directory inside one transaction.
import Foundation
import HostStorage

/// The write side of ``UserImport``; the caller commits, or rolls back for a dry run.
struct ImportWriter {
    let store: any ImportTransaction
    let options: UserImport.Options
    /// Columns the file has: a missing column leaves that data as it is.
    let columns: Set<ImportColumn>

    func apply(_ rows: [ImportRow]) throws -> ImportReport {
        guard let school = try store.school(uai: options.schoolUAI.uppercased()) else {
            throw ImportFailure(errors: [
                ImportError(
                    line: nil, key: "import.no_school", [options.schoolUAI.uppercased()],
                    "no school with UAI \(options.schoolUAI.uppercased()): create it first (cartable admin create-school)")
            ])
        }
        var report = ImportReport()
        let now = Directory.now()
        let expires = Date().addingTimeInterval(Double(ActivationCode.lifetimeDays) * 86_400).formatted(.iso8601)

        var existing: [String: ImportedAccount] = [:]
        for account in try store.accountsWithExternalID() { existing[account.externalID] = account }
        // People also in a school outside the import's reach keep their name, profile, e-mail and birth date.
        var elsewhere = Set<String>()
        if case .within(let schools) = options.matching {
            let reach = Array(schools.union([school.id]))
            elsewhere = try store.usersAttached(outside: reach)
        }
        var logins = LoginMaker(taken: Set(try store.logins()))
        // The school's current members, with their profiles (a full sync detaches by profile).
        var attachedProfiles: [String: String] = [:]
        for member in try store.members(school: school.id) { attachedProfiles[member.userID] = member.profile }
        let attached = Set(attachedProfiles.keys)
        var classIDs: [String: String] = [:]
        var classNames: [String: String] = [:]
        for found in try store.classes(school: school.id) {
            classIDs[found.name] = found.id
            classNames[found.id] = found.name
        }
        var memberships: [String: Set<String>] = [:]
        for membership in try store.classMemberships(school: school.id) {
            memberships[membership.userID, default: []].insert(membership.classID)
        }

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
                    try store.updateAccount(id: userID, row.person(email: email, birthDate: birthDate), at: now)
                    report.updated.append(.init(externalID: row.externalID, login: login, name: row.displayName, detail: nil))
                } else if attached.contains(userID) {
                    report.unchanged += 1
                }
            } else {
                userID = UUID().uuidString.lowercased()
                login = logins.make(firstName: row.firstName, lastName: row.lastName)
                try store.insertAccount(
                    id: userID, externalID: row.externalID, login: login, row.person(email: row.email, birthDate: row.birthDate),
                    activationCode: ActivationCode.make(), codeExpiresAt: expires, at: now)
                report.created.append(.init(externalID: row.externalID, login: login, name: row.displayName, detail: nil))
            }
            imported[row.externalID] = userID
            if !attached.contains(userID) { try store.attach(userID: userID, school: school.id) }

            guard columns.contains(.classes) else { continue }
            var target = Set<String>()
            for name in row.classes {
                if let id = classIDs[name] {
                    target.insert(id)
                } else {
                    let id = try store.ensureClass(school: school.id, name: name, level: row.level, groups: Profile.classGroups(name))
                    classIDs[name] = id
                    classNames[id] = name
                    report.classesCreated.append(name)
                    target.insert(id)
                }
            }
            let current = memberships[userID] ?? []
            if target != current {
                for id in current.subtracting(target) { try store.removeFromClass(userID: userID, classID: id) }
                for id in target.subtracting(current) { try store.addToClass(userID: userID, classID: id) }
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
        for link in try store.parentLinks(school: schoolID) { current[link.parentID, default: []].insert(link.childID) }
        for row in rows where row.profile == .relative && !row.children.isEmpty {
            guard let parentID = imported[row.externalID] else { continue }
            var childIDs: [String] = []
            for external in row.children {
                if let id = try imported[external] ?? store.userID(externalID: external) {
                    childIDs.append(id)
                }
            }
            let target = Set(childIDs), before = current[parentID] ?? []
            for childID in before.subtracting(target) { try store.unlink(parentID: parentID, childID: childID) }
            for childID in target.subtracting(before) { try store.link(parentID: parentID, childID: childID) }
        }
    }

    /// Detaches the school's users of a full sync that the file no longer lists: kept, but out of the school and its classes.
    private func detach(
        school: Directory.School, gone: Set<String>, memberships: [String: Set<String>], into report: inout ImportReport
    ) throws {
        guard !gone.isEmpty else { return }
        let now = Directory.now()
        for userID in gone.sorted() {
            // What the school's resources were shared with the person goes with them.
            try store.detach(userID: userID, school: school.id, at: now)
            for classID in memberships[userID] ?? [] { try store.removeFromClass(userID: userID, classID: classID) }
            if let account = try store.summary(userID: userID) {
                report.detached.append(
                    .init(externalID: account.externalID ?? "", login: account.login, name: account.displayName, detail: nil))
            }
        }
    }
}

extension ImportRow {
    /// The line's person, with the e-mail and birth date to store (the stored ones when the file has no such column).
    fileprivate func person(email: String?, birthDate: String?) -> ImportedPerson {
        ImportedPerson(
            firstName: firstName, lastName: lastName, displayName: displayName, profile: profile.rawValue, email: email,
            birthDate: birthDate)
    }
}
