// Import: `cartable import users.csv --school UAI [--dry-run]` loads a school's users from CSV.
import ArgumentParser
import Foundation
import Host

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a school's users from a CSV file (see docs/admin-guide.md for the columns).")

    @Argument(help: "The CSV file: ';' or ',', UTF-8, French or English headers.")
    var file: String

    @Option(help: "UAI code of the school.")
    var school: String

    @Option(help: "Profile of every line when the file has no profile column: Student, Teacher, Relative, Personnel, Guest.")
    var profile: String?

    @Flag(help: "Show what would be created, updated, moved and detached, and write nothing.")
    var dryRun = false

    @OptionGroup var options: DataOptions

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        var importOptions = UserImport.Options(schoolUAI: school, dryRun: dryRun)
        if let profile {
            guard let value = Profile(importName: profile) else {
                throw ValidationError("unknown profile '\(profile)': use Student, Teacher, Relative, Personnel or Guest")
            }
            importOptions.defaultProfile = value
        }
        importOptions.progress = { done, total in
            FileHandle.standardError.write(Data("\(done)/\(total) lines\n".utf8))
        }
        let database = try options.database()
        do {
            let report = try UserImport(database: database).run(data, options: importOptions)
            print(report.summary(detailed: dryRun))
        } catch let failure as ImportFailure {
            FileHandle.standardError.write(Data("\(file): \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}
