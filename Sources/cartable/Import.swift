// Import: `cartable import users.csv --school UAI [--dry-run]` loads a school's users from CSV.
import ArgumentParser
import Foundation
import HostDomain

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a school's users from a CSV file (see docs/admin-guide.md for the columns).",
        discussion:
            "Run by the platform's operators: an external id matches any account of the platform, whatever its school. A school's admins import from the console, where ids match only people of their school."
    )

    @Argument(help: "The CSV file: ';' or ',', UTF-8, French or English headers.")
    var file: String

    @Option(help: "UAI code of the school.")
    var school: String

    @Option(help: "Profile of every line when the file has no profile column: Student, Teacher, Relative, Personnel, Guest.")
    var profile: String?

    @Flag(help: "Show what would be created, updated, moved and detached, and write nothing.")
    var dryRun = false

    @Option(
        help:
            "add: add and update, detach nobody (default); sync: also detach the school's people of the file's profiles that it no longer lists."
    )
    var mode = "add"

    @OptionGroup var options: DataOptions

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        var importOptions = UserImport.Options(schoolUAI: school, dryRun: dryRun)
        guard let mode = UserImport.Mode(rawValue: mode) else { throw ValidationError("unknown mode '\(mode)': use add or sync") }
        importOptions.mode = mode
        if let profile {
            guard let value = Profile(importName: profile) else {
                throw ValidationError("unknown profile '\(profile)': use Student, Teacher, Relative, Personnel or Guest")
            }
            importOptions.defaultProfile = value
        }
        importOptions.progress = { done, total in
            FileHandle.standardError.write(Data("\(done)/\(total) lines\n".utf8))
        }
        let database = try options.openDatabase()
        do {
            let report = try UserImport(database: database).run(data, options: importOptions)
            print(report.summary(detailed: dryRun))
        } catch let failure as ImportFailure {
            FileHandle.standardError.write(Data("\(file): \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}
