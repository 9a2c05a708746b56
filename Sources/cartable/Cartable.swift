// Cartable: the `cartable` command line (serve, plugins, migrate), a thin layer over Host.
import ArgumentParser
import Foundation
import HostStorage
import Logging
import Portal

@main
struct Cartable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartable",
        abstract: "Cartable, the open-source school digital workspace.",
        subcommands: [Serve.self, Plugins.self, Migrate.self, MigrateData.self, Import.self, Export.self, Admin.self],
        defaultSubcommand: Serve.self
    )
}

/// Options shared by the commands that open the database.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Folder of the SQLite database (the default engine).")
    var data = "data"

    @Option(
        name: .customLong("database"),
        help:
            "A PostgreSQL database instead of --data: postgres://user[:password]@host[:port]/db or postgres://user@/db?host=/socket/folder")
    var database: String?

    @Option(name: .customLong("database-pool"), help: "PostgreSQL connections this process keeps at most.")
    var databasePool = 16

    @Option(name: .customLong("plugins"), help: "Folder of installed plugin bundles (<id>/<version>/).")
    var plugins = ".build/plugins"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func logger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "cartable")
    }

    /// The database of `--database`, or of `--data`, migrated.
    func openDatabase(migrate: Bool = true) throws -> HostDatabase {
        try portalConfiguration().openDatabase(migrate: migrate)
    }

    func portalConfiguration() -> PortalConfiguration {
        var configuration = PortalConfiguration()
        configuration.dataDirectory = URL(fileURLWithPath: data, isDirectory: true)
        configuration.databaseURL = database
        configuration.databasePoolSize = databasePool
        configuration.pluginsDirectory = URL(fileURLWithPath: plugins, isDirectory: true)
        return configuration
    }
}
