// PluginHostContext: the host-side state behind one plugin's host table (identity, log, store).
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginAPI

/// What the host knows of one loaded plugin version when the plugin calls back into it.
///
/// Reached from C through `cartable_host_t.host_data`; immutable, so any thread may read it.
final class PluginHostContext: Sendable {
    let manifest: PluginManifest
    let logger: Logger
    let store: DocumentStore
    /// Where the plugin's events go (`cartable.events/1`).
    let events: EventHub
    /// Declared collections and their indexed fields.
    let collections: [String: Set<String>]

    /// The bundle folder, handed to the plugin for its locales and assets.
    let bundlePath: String

    init(manifest: PluginManifest, bundlePath: String, logger: Logger, store: DocumentStore, events: EventHub) {
        self.manifest = manifest
        self.bundlePath = bundlePath
        var logger = logger
        logger[metadataKey: "plugin"] = "\(manifest.id) \(manifest.version)"
        self.logger = logger
        self.store = store
        self.events = events
        self.collections = Dictionary(
            manifest.collections.map { ($0.name, Set($0.indexed)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The context behind a host table handed to this plugin.
    static func from(_ host: UnsafePointer<cartable_host_t>?) -> PluginHostContext? {
        guard let host, host.pointee.struct_size >= 8, let data = host.pointee.host_data else { return nil }
        return Unmanaged<PluginHostContext>.fromOpaque(data).takeUnretainedValue()
    }

    /// Builds the host table for this plugin. It lives until the process ends (never unloaded).
    func makeHostTable() -> UnsafeMutablePointer<cartable_host_t> {
        let table = UnsafeMutablePointer<cartable_host_t>.allocate(capacity: 1)
        let version = HostCStrings.shared.hostVersion
        table.initialize(
            to: cartable_host_t(
                struct_size: UInt32(MemoryLayout<cartable_host_t>.size),
                abi_major: HostABI.version.major,
                abi_minor: HostABI.version.minor,
                reserved: 0,
                host_data: Unmanaged.passRetained(self).toOpaque(),
                host_version: version,
                bundle_path: HostCStrings.make(bundlePath),
                log: hostLog,
                get_extension: hostGetExtension
            ))
        return table
    }
}

/// C strings the host hands out for the life of the process.
final class HostCStrings: @unchecked Sendable {
    static let shared = HostCStrings()
    /// Immutable after init; points into a never-freed allocation.
    let hostVersion: cartable_str_t

    private init() {
        hostVersion = Self.make(HostABI.hostVersion)
    }

    /// Copies `text` into a NUL-terminated allocation that is never freed.
    static func make(_ text: String) -> cartable_str_t {
        let bytes = Array(text.utf8)
        let storage = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() { storage[index] = CChar(bitPattern: byte) }
        storage[bytes.count] = 0
        return cartable_str_t(data: UnsafePointer(storage), len: UInt64(bytes.count))
    }
}

private let hostLog: @convention(c) (UnsafePointer<cartable_host_t>?, Int32, cartable_str_t) -> Void = { host, level, message in
    guard let context = PluginHostContext.from(host) else { return }
    let logLevel: Logger.Level =
        switch level {
        case CARTABLE_LOG_DEBUG: .debug
        case CARTABLE_LOG_WARNING: .warning
        case CARTABLE_LOG_ERROR: .error
        default: .info
        }
    context.logger.log(level: logLevel, "\(message.string)")
}

private let hostGetExtension: @convention(c) (UnsafePointer<cartable_host_t>?, UnsafePointer<CChar>?) -> UnsafeRawPointer? = { host, id in
    guard PluginHostContext.from(host) != nil, let id = optionalString(id) else { return nil }
    switch id {
    case CARTABLE_EXT_STORE_1: return UnsafeRawPointer(StoreExtension.table)
    case CARTABLE_EXT_DIRECTORY_1: return UnsafeRawPointer(DirectoryExtension.table)
    case CARTABLE_EXT_ACCESS_1: return UnsafeRawPointer(AccessExtension.table)
    case CARTABLE_EXT_EVENTS_1: return UnsafeRawPointer(EventsExtension.table)
    case CARTABLE_EXT_EVENTS_2: return UnsafeRawPointer(EventsExtension.table2)
    case CARTABLE_EXT_PUBLIC_1: return UnsafeRawPointer(PublicExtension.table)
    default: return nil
    }
}
