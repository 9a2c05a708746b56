// ImportFixture: a database with one authority and a school, and helpers to import CSV text into it.
import Foundation
import HostDomain
import HostStorage

struct ImportFixture {
    let database: HostDatabase
    let directory: Directory
    let uai = "0751234A"

    init() throws {
        database = try openTestDatabase()
        directory = Directory(database: database)
        let authority = try directory.createAuthority(name: "Région Exemple")
        try directory.createSchool(uai: uai, name: "Collège Jean Moulin", authority: authority)
    }

    func run(
        _ csv: String, dryRun: Bool = false, profile: Profile? = nil, bom: Bool = false, mode: UserImport.Mode = .fullSync
    ) throws -> ImportReport {
        var options = UserImport.Options(schoolUAI: uai, defaultProfile: profile, dryRun: dryRun)
        options.mode = mode
        options.progressStep = 1_000_000
        let data = (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(csv.utf8)
        return try UserImport(database: database).run(data, options: options)
    }

    /// The errors of an import that must fail.
    func errors(_ csv: String) throws -> [String] {
        do {
            _ = try run(csv)
        } catch let failure as ImportFailure {
            return failure.errors.map(\.description)
        }
        return []
    }

    func count(_ sql: String, _ arguments: SQLArguments = []) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    func value(_ sql: String, _ arguments: SQLArguments = []) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: sql, arguments: arguments) }
    }

    /// Class names of a user (by external id) in the school.
    func classes(of externalID: String) throws -> [String] {
        try database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT c.name FROM classes c JOIN user_classes uc ON uc.class_id = c.id JOIN users u ON u.id = uc.user_id
                    WHERE u.external_id = ? ORDER BY c.name
                    """, arguments: [externalID])
        }
    }
}
