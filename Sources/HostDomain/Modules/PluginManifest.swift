// PluginManifest: what a plugin bundle declares in manifest.json, read without loading code.
import CartableText
import CartableWire
import Foundation

/// The declarations of one plugin version, as found in `<bundle>/manifest.json`.
///
/// The host reads it before any plugin code runs, so an admin can review a plugin
/// (routes, collections, stability, ABI, checksum) before it is enabled.
package struct PluginManifest: Codable, Sendable, Equatable {
    /// Lower-case identifier: `[a-z][a-z0-9-]{1,39}`; also the mount point `/apps/<id>/`.
    package var id: String
    package var name: String
    package var version: String
    /// `"MAJOR.MINOR"` of the C ABI the plugin was built against.
    package var abi: String
    package var stability: Stability
    package var library: Library
    package var collections: [Collection]
    package var routes: [Route]
    /// Workflow actions (`blogs.create`) the plugin's routes and code check, with the
    /// profiles a school grants them to by default when it enables the plugin.
    package var actions: [Action]
    /// Event types the plugin emits (`<id>.<name>`) and the types it listens to (patterns: `blogs.post.published`, `blogs.*`, `*`).
    package var events: Events
    package var settings: Settings?
    /// The launcher's icon: a file of `assets/` (`icon.svg`), SVG or PNG.
    package var icon: String?
    /// The Content-Security-Policy of the plugin's raw answers (`"raw_content_security_policy"`);
    /// nil: the host's sandbox, which runs no script.
    package var rawContentSecurityPolicy: String?

    package struct Events: Codable, Sendable, Equatable {
        package var emits: [String]
        package var subscribes: [String]

        package init(emits: [String] = [], subscribes: [String] = []) {
            self.emits = emits
            self.subscribes = subscribes
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            emits = try container.decodeIfPresent([String].self, forKey: .emits) ?? []
            subscribes = try container.decodeIfPresent([String].self, forKey: .subscribes) ?? []
        }

        /// Whether an event of `type` matches one of the subscriptions.
        package func listens(to type: String) -> Bool {
            subscribes.contains { pattern in
                pattern == "*" || pattern == type || (pattern.hasSuffix(".*") && type.hasPrefix(pattern.dropLast()))
            }
        }
    }

    package enum Stability: String, Codable, Sendable {
        case stable
        case experimental
    }

    package struct Library: Codable, Sendable, Equatable {
        /// File name of the shared library inside the bundle folder.
        package var file: String
        /// Lower-case hex SHA-256 of that file.
        package var sha256: String
    }

    package struct Collection: Codable, Sendable, Equatable {
        package var name: String
        /// Top-level document fields the plugin may filter and sort on.
        package var indexed: [String]
    }

    package struct Action: Codable, Sendable, Equatable {
        /// `<plugin id>.<name>`, e.g. `blogs.create`: 1 to 64 characters of a-z, 0-9, `.`, `_`, `-`.
        package var id: String
        /// Profiles granted the action by default: `Student`, `Teacher`, `Relative`, `Personnel`, `Guest`.
        package var defaults: [String]

        package init(id: String, defaults: [String] = []) {
            self.id = id
            self.defaults = defaults
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            defaults = try container.decodeIfPresent([String].self, forKey: .defaults) ?? []
        }
    }

    /// A route of the plugin, as its router also handles it (checked when a PluginKit plugin starts).
    package typealias Route = DeclaredRoute

    package struct Settings: Codable, Sendable, Equatable {
        /// Default values, a JSON object, handed to the plugin in each request context.
        package var defaults: JSONObjectText?
        /// Keys of `defaults` (true/false values) an authority admin may change for its schools.
        package var authority: [String]?

        /// The default of each key an authority may set, in the manifest's order.
        package var authorityDefaults: [(key: String, value: Bool)] {
            guard case .object(let values)? = defaults.flatMap({ try? JSONValue.parse(Data($0.text.utf8)) }) else { return [] }
            return (authority ?? []).compactMap { key in
                guard case .bool(let value)? = values[key] else { return nil }
                return (key, value)
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, version, abi, stability, library, collections, routes, actions, events, settings, icon
        case rawContentSecurityPolicy = "raw_content_security_policy"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? id
        version = try container.decode(String.self, forKey: .version)
        abi = try container.decode(String.self, forKey: .abi)
        stability = try container.decodeIfPresent(Stability.self, forKey: .stability) ?? .stable
        library = try container.decode(Library.self, forKey: .library)
        collections = try container.decodeIfPresent([Collection].self, forKey: .collections) ?? []
        routes = try container.decodeIfPresent([Route].self, forKey: .routes) ?? []
        actions = try container.decodeIfPresent([Action].self, forKey: .actions) ?? []
        events = try container.decodeIfPresent(Events.self, forKey: .events) ?? Events()
        settings = try container.decodeIfPresent(Settings.self, forKey: .settings)
        icon = try container.decodeIfPresent(String.self, forKey: .icon)
        rawContentSecurityPolicy = try container.decodeIfPresent(String.self, forKey: .rawContentSecurityPolicy)
    }
}

extension PluginManifest {
    /// Reads and validates `manifest.json`; the error says which file and what is wrong.
    package static func read(from url: URL) throws -> PluginManifest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ManifestError("cannot read \(url.path): \(error.localizedDescription)")
        }
        let manifest: PluginManifest
        do {
            manifest = try JSONDecoder().decode(PluginManifest.self, from: data)
        } catch let error as DecodingError {
            throw ManifestError("\(url.path) is not a valid manifest: \(error.shortDescription)")
        }
        try manifest.validate()
        return manifest
    }

    /// Checks identifiers and versions, so nothing malformed reaches routing or SQL.
    package func validate() throws {
        if let policy = rawContentSecurityPolicy,
            policy.isEmpty || policy.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E })
        {
            throw ManifestError("raw_content_security_policy of '\(id)' must be one line of printable ASCII")
        }
        guard Self.isValidID(id) else {
            throw ManifestError("plugin id '\(id)' is invalid: use 2 to 40 characters of a-z, 0-9 and '-', starting with a letter")
        }
        guard SemanticVersion(version) != nil else {
            throw ManifestError("plugin \(id): version '\(version)' is not MAJOR.MINOR.PATCH")
        }
        guard ABIVersion(abi) != nil else {
            throw ManifestError("plugin \(id) \(version): abi '\(abi)' is not MAJOR.MINOR")
        }
        guard !library.file.contains("/"), library.file.hasSuffix(".so") || library.file.hasSuffix(".dylib") else {
            throw ManifestError("plugin \(id) \(version): library file '\(library.file)' must be a file name ending in .so")
        }
        guard library.sha256.count == 64, library.sha256.allSatisfy(\.isHexDigit) else {
            throw ManifestError("plugin \(id) \(version): library sha256 must be 64 hex digits")
        }
        for collection in collections {
            guard Self.isValidName(collection.name) else {
                throw ManifestError(
                    "plugin \(id) \(version): collection name '\(collection.name)' must be 1 to 64 characters of a-z, A-Z, 0-9 and '_'")
            }
            for field in collection.indexed where !Self.isValidName(field) {
                throw ManifestError(
                    "plugin \(id) \(version): indexed field '\(field)' of '\(collection.name)' must be 1 to 64 characters of a-z, A-Z, 0-9 and '_'"
                )
            }
        }
        let profiles = ["Student", "Teacher", "Relative", "Personnel", "Guest"]
        for action in actions {
            guard action.id.hasPrefix(id + "."), Self.isValidAction(action.id) else {
                throw ManifestError(
                    "plugin \(id) \(version): action '\(action.id)' must be '\(id).<name>' with 1 to 64 characters of a-z, 0-9, '.', '_' and '-'"
                )
            }
            for profile in action.defaults where !profiles.contains(profile) {
                throw ManifestError(
                    "plugin \(id) \(version): action \(action.id) grants unknown profile '\(profile)' (use \(profiles.joined(separator: ", ")))"
                )
            }
        }
        guard Set(actions.map(\.id)).count == actions.count else {
            throw ManifestError("plugin \(id) \(version): an action is declared twice")
        }
        if let icon {
            guard (1...64).contains(icon.count), icon.hasSuffix(".svg") || icon.hasSuffix(".png"), !icon.hasPrefix("."),
                icon.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) })
            else { throw ManifestError("plugin \(id) \(version): icon '\(icon)' must be the name of an .svg or .png file of assets/") }
        }
        for type in events.emits where !(type.hasPrefix(id + ".") && Self.isValidAction(type)) {
            throw ManifestError(
                "plugin \(id) \(version): emitted event '\(type)' must be '\(id).<name>' with 1 to 64 characters of a-z, 0-9, '.', '_' and '-'"
            )
        }
        for pattern in events.subscribes
        where !(pattern == "*" || Self.isValidAction(pattern.hasSuffix(".*") ? String(pattern.dropLast(2)) : pattern)) {
            throw ManifestError("plugin \(id) \(version): subscription '\(pattern)' must be an event type, '<prefix>.*' or '*'")
        }
        if let keys = settings?.authority {
            let settable = Set(settings?.authorityDefaults.map(\.key) ?? [])
            for key in keys where !settable.contains(key) {
                throw ManifestError("plugin \(id) \(version): authority setting '\(key)' needs a true/false default in settings.defaults")
            }
        }
        for route in routes {
            if let action = route.action {
                guard actions.contains(where: { $0.id == action }) else {
                    throw ManifestError(
                        "plugin \(id) \(version): route \(route.method) \(route.path) names action '\(action)', which the manifest does not declare"
                    )
                }
                guard !route.isPublic else {
                    throw ManifestError(
                        "plugin \(id) \(version): route \(route.method) \(route.path) is public and names an action: anonymous callers hold no action"
                    )
                }
            }
            guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(route.method) else {
                throw ManifestError("plugin \(id) \(version): route method '\(route.method)' must be GET, POST, PUT, PATCH or DELETE")
            }
            guard route.path.hasPrefix("/") else {
                throw ManifestError("plugin \(id) \(version): route path '\(route.path)' must start with '/'")
            }
        }
    }

    static func isValidID(_ id: String) -> Bool {
        guard (2...40).contains(id.count), let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isValidAction(_ action: String) -> Bool {
        guard (1...64).contains(action.count) else { return false }
        return action.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.count) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// The declared collection of that name, if any.
    package func collection(named name: String) -> Collection? {
        collections.first { $0.name == name }
    }
}

/// A manifest that cannot be read or is malformed.
package struct ManifestError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}
