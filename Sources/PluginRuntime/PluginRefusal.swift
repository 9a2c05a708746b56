// PluginRefusal: why the loader turned a plugin bundle away, as one line naming both sides.
import HostDomain
/// A plugin the loader refused. The portal keeps serving without it.
package struct PluginRefusal: Error, Sendable, CustomStringConvertible {
    package let id: String
    package let version: String
    package let folder: String
    package let abi: String
    package let stability: String
    /// The reason alone, e.g. `built for ABI 2.x, this host speaks 1.0`.
    package let reason: String
    /// The manifest when it could be read, so admins can still review what the bundle declares.
    package var manifest: PluginManifest? = nil

    /// `plugin blogs 1.2.0 refused: built for ABI 2.x, this host speaks 1.0`
    package var description: String { "plugin \(id) \(version) refused: \(reason)" }
}
