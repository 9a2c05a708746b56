// UserImport: imports a school's users from CSV, idempotent by external id, all or nothing.
import Foundation
import HostStorage

/// Imports users into one school.
///
/// A re-import updates users by external id and moves them between classes. By default
/// nobody is detached; a full sync detaches the school's users of the file's profiles that
/// it no longer lists (they are kept, never the person importing). Any bad line stops the
/// whole import: every error is reported with its line and nothing is written.
///
/// From the command line (an operator) an external id matches any account of the platform.
/// From the console it matches only people who are or were members of the schools in
/// ``Options/matching``: an id held by someone else is refused on its line, children are
/// found among the school's pupils only, and a person who also belongs to a school outside
/// that reach keeps their name, profile, e-mail and birth date.
package struct UserImport: Sendable {
    package let storage: any UserImportStorage

    package struct Options: Sendable {
        package var schoolUAI: String
        /// The profile of every line when the file has no profile column.
        package var defaultProfile: Profile?
        package var dryRun = false
        /// Called every `progressStep` lines when the file is large.
        package var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
        package var progressStep = 5000
        /// Who runs the import (an admin's user id; nil from the command line), for the audit log.
        package var actor: String?
        /// Whose accounts an external id may match.
        package var matching = Matching.platformWide
        /// Whether people absent from the file are detached.
        package var mode = Mode.addAndUpdate

        package init(schoolUAI: String, defaultProfile: Profile? = nil, dryRun: Bool = false) {
            self.schoolUAI = schoolUAI
            self.defaultProfile = defaultProfile
            self.dryRun = dryRun
        }
    }

    /// Whose accounts the file's external ids may match.
    package enum Matching: Sendable, Equatable {
        /// Any account of the platform: the operator's command line.
        case platformWide
        /// Current or former members of these schools (the importing school is always one): the console.
        case within(schoolIDs: Set<String>)
    }

    /// What happens to the school's members the file does not list.
    package enum Mode: String, Sendable, CaseIterable {
        /// Nobody is detached.
        case addAndUpdate = "add"
        /// Members of the profiles present in the file, absent from it, are detached (never the importer).
        case fullSync = "sync"
    }

    package init(storage: any UserImportStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.userImports)
    }

    /// Reads the file and imports it; throws ``ImportFailure`` listing every bad line.
    package func run(_ data: Data, options: Options) throws -> ImportReport {
        let (rows, lineErrors, columns) = try parse(data, options: options)
        let referenceErrors = try storage.checking { reads in
            let schoolID = try reads.school(uai: options.schoolUAI.uppercased())?.id
            return try Self.scopeErrors(rows, options: options, schoolID: schoolID, reads: reads)
                + Self.childErrors(rows, options: options, schoolID: schoolID, reads: reads)
        }
        let errors = (lineErrors + referenceErrors).sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        guard errors.isEmpty else { throw ImportFailure(errors: errors) }
        var report: ImportReport
        do {
            report = try storage.importing { store in
                let report = try ImportWriter(store: store, options: options, columns: columns).apply(rows)
                if options.dryRun { return (report, false) }
                let school = try store.school(uai: options.schoolUAI.uppercased())
                try store.record(
                    AuditEntry(
                        action: "import", actor: options.actor, target: options.schoolUAI.uppercased(),
                        detail:
                            "created \(report.created.count), updated \(report.updated.count), moved \(report.moved.count), detached \(report.detached.count)",
                        school: school?.id))
                return (report, true)
            }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw ImportFailure(errors: [ImportError(line: nil, key: "import.database", [], "the database refused the import: \(error)")])
        }
        report.dryRun = options.dryRun
        return report
    }

    /// The good rows and the errors of the bad ones; a bad header throws at once.
    func parse(_ data: Data, options: Options) throws -> ([ImportRow], [ImportError], Set<ImportColumn>) {
        let table: CSVTable
        do { table = try CSVTable(data: data) } catch { throw ImportFailure(errors: [error]) }
        var (columns, errors) = ImportColumn.map(header: table.header)
        for required in [ImportColumn.externalID, .lastName, .firstName] where columns[required] == nil {
            errors.append(
                ImportError(
                    line: 1, key: "import.missing_column", [required.frenchName],
                    "missing column '\(required.rawValue)' (or its French name '\(required.frenchName)')"))
        }
        if columns[.profile] == nil, options.defaultProfile == nil {
            errors.append(
                ImportError(line: 1, key: "import.missing_profile", [], "missing column 'profile': add it, or import with --profile"))
        }
        guard errors.isEmpty else { throw ImportFailure(errors: errors) }
        var rows: [ImportRow] = []
        rows.reserveCapacity(table.rows.count)
        var seen: [String: Int] = [:]
        var profiles: [String: Profile?] = [:]  // a file repeats a handful of profile names
        for raw in table.rows {
            switch ImportRow.parse(raw, columns: columns, defaultProfile: options.defaultProfile, profiles: &profiles) {
            case .success(let row):
                if let first = seen[row.externalID] {
                    errors.append(
                        ImportError(
                            line: row.line, key: "import.duplicate_id", [row.externalID, String(first)],
                            "external id '\(row.externalID)' is already on line \(first)"))
                } else {
                    seen[row.externalID] = row.line
                    rows.append(row)
                }
            case .failure(let failure):
                errors += failure.errors
            }
        }
        return (rows, errors, Set(columns.keys))
    }

    /// In a scoped import, an external id held by someone who never was a member of the reached schools is refused.
    static func scopeErrors(_ rows: [ImportRow], options: Options, schoolID: String?, reads: any ImportReads) throws -> [ImportError] {
        guard case .within(let schools) = options.matching, let schoolID else { return [] }
        let reach = schools.union([schoolID])
        var errors: [ImportError] = []
        for row in rows {
            guard let userID = try reads.userID(externalID: row.externalID) else { continue }
            let memberships = Set(try reads.schoolIDs(ofUser: userID))
            if memberships.isDisjoint(with: reach) {
                errors.append(
                    ImportError(
                        line: row.line, key: "import.foreign_id", [row.externalID],
                        "the id '\(row.externalID)' belongs to an account of another school; ask your authority's admin"))
            }
        }
        return errors
    }

    /// Children listed by relatives must be students, of this file or of the directory (in a
    /// scoped import, current pupils of this school).
    static func childErrors(_ rows: [ImportRow], options: Options, schoolID: String?, reads: any ImportReads) throws -> [ImportError] {
        let inFile = Dictionary(rows.map { ($0.externalID, $0.profile) }, uniquingKeysWith: { first, _ in first })
        let scoped = options.matching != .platformWide
        var errors: [ImportError] = []
        for row in rows where !row.children.isEmpty {
            for external in row.children {
                let profile =
                    try inFile[external]?.rawValue ?? reads.profile(externalID: external, attachedTo: scoped ? schoolID ?? "" : nil)
                if profile == nil {
                    errors.append(
                        scoped
                            ? ImportError(
                                line: row.line, key: "import.child_not_pupil", [external],
                                "child '\(external)' is neither in this file nor among the school's pupils")
                            : ImportError(
                                line: row.line, key: "import.child_unknown", [external],
                                "child '\(external)' is neither in this file nor in the directory"))
                } else if profile != Profile.student.rawValue {
                    errors.append(
                        ImportError(line: row.line, key: "import.child_not_student", [external], "child '\(external)' is not a student"))
                }
            }
        }
        return errors
    }
}
