// PluginExport: what a Swift plugin's two `@c @implementation` entry points return.
import Foundation

/// Backs the two exported C symbols of a Swift plugin. See ``Plugin`` for the three lines
/// each plugin writes.
public enum PluginExport {
    /// The constant magic: ABI version of this PluginKit's header and the Swift toolchain tag.
    public static var magic: UnsafePointer<cartable_plugin_magic_t> { UnsafePointer(pluginMagic) }

    /// Creates a plugin instance bound to `host` and returns its descriptor. A new instance
    /// per call: two hosts in one process (tests) never share plugin state.
    public static func entry<P: Plugin>(_ type: P.Type, host: UnsafePointer<cartable_host_t>?) -> UnsafePointer<cartable_plugin_t>? {
        guard let host, host.pointee.struct_size >= UInt32(MemoryLayout<cartable_host_t>.size) else { return nil }
        return PluginInstance<P>(host: host).descriptor
    }
}

/// Built once, never freed: the host reads it before anything else.
nonisolated(unsafe) private let pluginMagic: UnsafeMutablePointer<cartable_plugin_magic_t> = {
    let magic = UnsafeMutablePointer<cartable_plugin_magic_t>.allocate(capacity: 1)
    magic.initialize(
        to: cartable_plugin_magic_t(
            struct_size: UInt32(MemoryLayout<cartable_plugin_magic_t>.size),
            magic: CARTABLE_MAGIC_NUMBER,
            abi_major: UInt32(CARTABLE_ABI_VERSION_MAJOR),
            abi_minor: UInt32(CARTABLE_ABI_VERSION_MINOR),
            swift_toolchain: UnsafePointer(strdup(CARTABLE_SWIFT_TOOLCHAIN_TAG))))
    return magic
}()
