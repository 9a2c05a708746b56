// Export: `cartable export activation-codes --school UAI` writes the codes a school hands out.
import ArgumentParser
import Foundation
import HostDomain

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export directory data.", subcommands: [ActivationCodes.self])

    struct ActivationCodes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "activation-codes", abstract: "CSV of the school's pending accounts and their activation codes.")

        @Option(help: "UAI code of the school.")
        var school: String

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        @OptionGroup var options: DataOptions

        func run() async throws {
            let database = try options.openDatabase()
            let csv: String
            do { csv = try ActivationCodeExport(database: database).csv(schoolUAI: school) } catch {
                throw ValidationError("\(error)")
            }
            if let output {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(csv, terminator: "")
            }
        }
    }
}
