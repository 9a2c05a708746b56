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
        subcommands: [Serve.self, Plugins.self, Migrate.self, Import.self, Export.self, Admin.self],
        defaultSubcommand: Serve.self
    )
}

/// Options shared by the commands that open the data folder.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Folder of the SQLite database.")
    var data = "data"

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

    /// The database of `--data`, migrated.
    func database() throws -> HostDatabase {
        try HostDatabase(directory: portalConfiguration().dataDirectory)
    }

    func portalConfiguration() -> PortalConfiguration {
        var configuration = PortalConfiguration()
        configuration.dataDirectory = URL(fileURLWithPath: data, isDirectory: true)
        configuration.pluginsDirectory = URL(fileURLWithPath: plugins, isDirectory: true)
        return configuration
    }
}
