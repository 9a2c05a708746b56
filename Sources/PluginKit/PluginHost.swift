// PluginHost: the host services a Swift plugin reaches (log, bundle folder, extensions, store).
import CartableWire
import Foundation

/// The host, as a plugin sees it. Valid from `init` until `shutdown`; any thread may use it.
public struct PluginHost: @unchecked Sendable {
    /// The host's table. `@unchecked Sendable`: the header makes the table immutable and
    /// its functions [any-thread].
    public let table: UnsafePointer<cartable_host_t>

    init(table: UnsafePointer<cartable_host_t>) {
        self.table = table
    }

    /// The host's ABI version.
    public var abiVersion: (major: UInt32, minor: UInt32) { (table.pointee.abi_major, table.pointee.abi_minor) }

    /// This plugin version's bundle folder (manifest, assets, locales).
    public var bundleURL: URL {
        URL(fileURLWithPath: table.pointee.bundle_path.string, isDirectory: true)
    }

    public enum LogLevel: Int32, Sendable {
        case debug = 0, info = 1, warning = 2, error = 3
    }

    /// Writes one line to the host's log, tagged with this plugin.
    public func log(_ message: String, level: LogLevel = .info) {
        message.withCartableString { table.pointee.log?(table, level.rawValue, $0) }
    }

    /// A host extension table by id, or nil when this host does not offer it.
    public func extensionTable(_ id: String) -> UnsafeRawPointer? {
        table.pointee.get_extension?(table, id)
    }

    /// The `cartable.store/1` client, for use outside a request (platform scope).
    /// Inside a handler use ``PluginRequest/store`` instead: it is scoped to the caller.
    public func store() throws -> Store {
        try Store(host: table, request: nil)
    }
}

extension UnsafePointer where Pointee == cartable_host_t {
    /// The host's table for extension `id`, checked to be at least as large as this
    /// PluginKit knows it; a missing or older table throws "unsupported".
    func extensionTable<Table>(_ id: String, as type: Table.Type) throws -> UnsafePointer<Table> {
        guard let raw = pointee.get_extension?(self, id) else {
            throw PluginError(code: CARTABLE_E_UNSUPPORTED, message: "this host offers no \(id)")
        }
        let table = raw.assumingMemoryBound(to: Table.self)
        // Every extension table starts with its uint32_t struct_size.
        guard raw.load(as: UInt32.self) >= UInt32(MemoryLayout<Table>.size) else {
            throw PluginError(code: CARTABLE_E_UNSUPPORTED, message: "this host's \(id) table is older than this PluginKit")
        }
        return table
    }
}
