// HostABI: the ABI version and Swift toolchain tag this host was built with.
import HostDomain
import PluginAPI

/// What the host speaks: the header's ABI version and the toolchain that compiled it.
package enum HostABI {
    package static let version = ABIVersion(major: UInt32(CARTABLE_ABI_VERSION_MAJOR), minor: UInt32(CARTABLE_ABI_VERSION_MINOR))
    /// Identifies the Swift toolchain exactly (its Clang build); Swift plugins must match it.
    package static let swiftToolchain: String = CARTABLE_SWIFT_TOOLCHAIN_TAG
    package static let hostVersion = "0.1.0"
}
