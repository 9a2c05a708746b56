// PluginLoader: finds bundles, checks each library (checksum, ELF, magic, ABI, toolchain, ids) and loads it.
import CartableText
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads every plugin bundle under a folder. Each refusal is logged as one line and kept
/// with its reason; a refused plugin never stops the others.
package struct PluginLoader {
    package var store: DocumentStore
    package var logger: Logger
    package var maxResponseBytes = 64 << 20
    /// The host's own version numbers, injectable so tests can play an older or newer host.
    package var hostABI = HostABI.version
    package var hostToolchain = HostABI.swiftToolchain

    /// Where loaded plugins' events go.
    package var events: EventHub

    package init(store: DocumentStore, logger: Logger, events: EventHub? = nil) {
        self.store = store
        self.logger = logger
        self.events = events ?? EventHub(database: store.database)
    }

    /// Scans `root` (`<id>/<version>/manifest.json`) and loads what passes.
    package func loadAll(from root: URL) -> PluginRegistry {
        var loaded: [LoadedPlugin] = []
        var refused: [PluginRefusal] = []
        var seen: [String: String] = [:]
        for folder in PluginBundleScanner.bundleFolders(in: root) {
            switch load(folder: folder, alreadyLoaded: seen) {
            case .success(let plugin):
                seen["\(plugin.id)@\(plugin.version)"] = folder.path
                loaded.append(plugin)
                logger.info("plugin \(plugin.id) \(plugin.version) loaded from \(folder.path)")
            case .failure(let refusal):
                refused.append(refusal)
                logger.error("\(refusal.description)")
            }
        }
        return PluginRegistry(loaded: loaded, refused: refused)
    }

    /// Loads one bundle folder, or says why not.
    package func load(folder: URL, alreadyLoaded: [String: String] = [:]) -> Result<LoadedPlugin, PluginRefusal> {
        let manifest: PluginManifest
        do {
            manifest = try PluginManifest.read(from: folder.appendingPathComponent("manifest.json"))
        } catch {
            return .failure(
                PluginRefusal(
                    id: folder.deletingLastPathComponent().lastPathComponent, version: folder.lastPathComponent,
                    folder: folder.path, abi: "?", stability: "?", reason: "\(error)"))
        }
        let bundle = PluginBundle(folder: folder, manifest: manifest)
        do {
            if let other = alreadyLoaded["\(manifest.id)@\(manifest.version)"] {
                throw LoadFailure("\(manifest.id) \(manifest.version) is already loaded from \(other); remove one of the two bundles")
            }
            return .success(try load(bundle))
        } catch let failure as LoadFailure {
            return .failure(
                PluginRefusal(
                    id: manifest.id, version: manifest.version, folder: folder.path, abi: manifest.abi,
                    stability: manifest.stability.rawValue, reason: failure.reason, manifest: manifest))
        } catch {
            return .failure(
                PluginRefusal(
                    id: manifest.id, version: manifest.version, folder: folder.path, abi: manifest.abi,
                    stability: manifest.stability.rawValue, reason: "\(error)", manifest: manifest))
        }
    }

    private func load(_ bundle: PluginBundle) throws -> LoadedPlugin {
        let manifest = bundle.manifest
        let library = bundle.libraryURL
        let name = library.lastPathComponent
        let checksum = try LibraryFile.sha256(of: library)
        guard checksum == manifest.library.sha256.lowercased() else {
            throw LoadFailure("checksum mismatch: \(name) has sha256 \(checksum), the manifest lists \(manifest.library.sha256)")
        }
        try LibraryFile.checkSharedObject(library)
        // Never dlclose: Swift images cannot be unloaded safely. RTLD_LOCAL keeps two versions apart.
        guard let handle = dlopen(library.path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
            throw LoadFailure("\(name) cannot be loaded: \(String(cString: dlerror()))")
        }
        let isSwift = try checkMagic(handle, name: name, manifest: manifest)
        guard let entrySymbol = dlsym(handle, CARTABLE_PLUGIN_ENTRY_SYMBOL) else {
            throw LoadFailure("\(name) exports no \(CARTABLE_PLUGIN_ENTRY_SYMBOL) symbol, which every Cartable plugin must export")
        }
        let entry = unsafeBitCast(entrySymbol, to: cartable_plugin_entry_fn.self)
        try prepareIndexes(manifest)
        let context = PluginHostContext(
            manifest: manifest, bundlePath: bundle.folder.standardizedFileURL.path, logger: logger, store: store, events: events)
        let hostTable = context.makeHostTable()
        guard let descriptor = entry(hostTable) else {
            throw LoadFailure("\(CARTABLE_PLUGIN_ENTRY_SYMBOL) of \(name) returned no descriptor")
        }
        try checkDescriptor(descriptor, manifest: manifest)
        try initialize(descriptor, name: name)
        return LoadedPlugin(
            bundle: bundle, isSwift: isSwift, settingsJSON: try settings(for: manifest), maxResponseBytes: maxResponseBytes,
            descriptor: descriptor, hostTable: hostTable, context: context)
    }

    /// Checks the magic; returns whether the plugin is a Swift plugin.
    private func checkMagic(_ handle: UnsafeMutableRawPointer, name: String, manifest: PluginManifest) throws -> Bool {
        guard let symbol = dlsym(handle, CARTABLE_PLUGIN_MAGIC_SYMBOL) else {
            throw LoadFailure("\(name) exports no \(CARTABLE_PLUGIN_MAGIC_SYMBOL) symbol; it is not a Cartable plugin")
        }
        let magicFunction = unsafeBitCast(symbol, to: cartable_plugin_magic_fn.self)
        guard let magic = magicFunction() else {
            throw LoadFailure("\(CARTABLE_PLUGIN_MAGIC_SYMBOL) of \(name) returned NULL")
        }
        let minimumSize = MemoryLayout<cartable_plugin_magic_t>.size
        guard magic.pointee.struct_size >= minimumSize else {
            throw LoadFailure("magic of \(name) is \(magic.pointee.struct_size) bytes, this host expects at least \(minimumSize)")
        }
        guard magic.pointee.magic == CARTABLE_MAGIC_NUMBER else {
            throw LoadFailure(
                String(
                    format: "magic number of %@ is 0x%08x, this host expects 0x%08x ('CRTB')", name, magic.pointee.magic,
                    CARTABLE_MAGIC_NUMBER))
        }
        let built = ABIVersion(major: magic.pointee.abi_major, minor: magic.pointee.abi_minor)
        guard built.major == hostABI.major else {
            throw LoadFailure("built for ABI \(built.major).x, this host speaks \(hostABI)")
        }
        guard built.minor <= hostABI.minor else {
            throw LoadFailure("built for ABI \(built), newer than this host's \(hostABI): upgrade the host or use an older plugin")
        }
        guard ABIVersion(manifest.abi) == built else {
            throw LoadFailure("the manifest says ABI \(manifest.abi), the library \(name) was built for \(built)")
        }
        guard let toolchainPointer = magic.pointee.swift_toolchain else { return false }
        let toolchain = String(cString: toolchainPointer)
        guard toolchain == hostToolchain else {
            throw LoadFailure(
                "built with Swift toolchain '\(toolchain)', this host was built with '\(hostToolchain)': rebuild the plugin with the host's toolchain"
            )
        }
        return true
    }

    private func checkDescriptor(_ descriptor: UnsafePointer<cartable_plugin_t>, manifest: PluginManifest) throws {
        let size = MemoryLayout<cartable_plugin_t>.size
        guard descriptor.pointee.struct_size >= size else {
            throw LoadFailure("plugin descriptor is \(descriptor.pointee.struct_size) bytes, ABI 1.0 needs at least \(size)")
        }
        let id = descriptor.pointee.id.map { String(cString: $0) } ?? ""
        let version = descriptor.pointee.version.map { String(cString: $0) } ?? ""
        guard id == manifest.id else {
            throw LoadFailure("the library says its id is '\(id)', the manifest says '\(manifest.id)'")
        }
        guard version == manifest.version else {
            throw LoadFailure("the library says its version is '\(version)', the manifest says '\(manifest.version)'")
        }
        guard descriptor.pointee.handle != nil else {
            throw LoadFailure("the plugin descriptor has no handle function")
        }
    }

    private func initialize(_ descriptor: UnsafePointer<cartable_plugin_t>, name: String) throws {
        guard let initFunction = descriptor.pointee.`init` else { return }
        let message = MessageCollector()
        var sink = message.sink
        let code = withUnsafePointer(to: &sink) { initFunction(descriptor, $0) }
        guard code == CARTABLE_OK else {
            let text = message.text.isEmpty ? "no message" : message.text
            throw LoadFailure("init failed with code \(code): \(text)")
        }
    }

    private func prepareIndexes(_ manifest: PluginManifest) throws {
        for collection in manifest.collections where !collection.indexed.isEmpty {
            do {
                try store.ensureIndexes(plugin: manifest.id, collection: collection.name, fields: collection.indexed)
            } catch {
                throw LoadFailure("cannot index collection '\(collection.name)': \(error.message)")
            }
        }
    }

    /// Manifest defaults, overridden key by key by admin-set settings of the platform scope.
    private func settings(for manifest: PluginManifest) throws -> String {
        let defaults = manifest.settings?.defaults?.text ?? "{}"
        guard let overrides = try PluginSettings.stored(plugin: manifest.id, scope: "", storage: store.database.pluginSettings) else {
            return defaults
        }
        return PluginSettings.merge(defaults: defaults, overrides: overrides)
    }
}
