// Plugins: `cartable plugins list` shows every installed plugin, loaded or refused, and why.
import ArgumentParser
import Foundation
import HostDomain
import HostStorage
import PluginRuntime
import Portal

struct Plugins: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect installed plugins.", subcommands: [List.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List installed plugins with their state.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @OptionGroup var options: DataOptions

        struct Item: Codable {
            let id: String
            let version: String
            let abi: String
            let stability: String
            let state: String
            let reason: String?

            /// Writes `reason` as null for loaded plugins, so every item has the same keys.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(version, forKey: .version)
                try container.encode(abi, forKey: .abi)
                try container.encode(stability, forKey: .stability)
                try container.encode(state, forKey: .state)
                try container.encode(reason, forKey: .reason)
            }
        }

        func run() async throws {
            var logOptions = options
            logOptions.logLevel = "critical"
            let logger = logOptions.logger()
            let configuration = options.portalConfiguration()
            let database = try options.openDatabase()
            let registry = PluginLoader(store: DocumentStore(database: database), logger: logger).loadAll(
                from: configuration.pluginsDirectory)
            let items =
                registry.loaded.map {
                    Item(
                        id: $0.id, version: $0.version, abi: $0.manifest.abi, stability: $0.manifest.stability.rawValue, state: "loaded",
                        reason: nil)
                }
                + registry.refused.map {
                    Item(id: $0.id, version: $0.version, abi: $0.abi, stability: $0.stability, state: "refused", reason: $0.reason)
                }
            registry.shutdown()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(items), as: UTF8.self))
                return
            }
            if items.isEmpty { print("no plugin installed in \(configuration.pluginsDirectory.path)") }
            for item in items {
                let reason = item.reason.map { "  \($0)" } ?? ""
                print("\(item.id)\t\(item.version)\tABI \(item.abi)\t\(item.stability)\t\(item.state)\(reason)")
            }
        }
    }
}
