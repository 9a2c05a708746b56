// Migrate: `cartable migrate` applies pending schema migrations.
import ArgumentParser
import Foundation
import HostStorage
import Portal

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var options: DataOptions

    func run() async throws {
        let configuration = options.portalConfiguration()
        let database = try SQLiteDatabase(directory: configuration.dataDirectory, migrate: false)
        let applied = try database.migrate()
        print(
            applied.isEmpty ? "database \(database.path) is up to date" : "applied to \(database.path): \(applied.joined(separator: ", "))")
    }
}
