// Migrate: `cartable migrate` applies pending schema migrations.
import ArgumentParser
import Foundation
import HostStorage
import Portal

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var options: DataOptions

    func run() async throws {
        let database = try options.openDatabase(migrate: false)
        let applied = try database.migrate()
        print(
            applied.isEmpty
                ? "database \(database.location) is up to date" : "applied to \(database.location): \(applied.joined(separator: ", "))")
    }
}
