// Plugin: the protocol a Swift plugin implements; PluginKit turns it into the C ABI.
/// A Cartable plugin written in Swift.
///
/// Implement this protocol, declare your routes, and export the two C entry points that
/// the host looks for. Swift checks the entry points against the ABI header:
///
/// ```swift
/// import PluginKit
///
/// struct Hello: Plugin {
///     static let id = "hello"
///     static let name = "Hello"
///     static let version = "0.1.0"
///
///     init(host: PluginHost) throws {}
///
///     func routes(_ router: inout PluginRouter) {
///         router.get("/") { request in .html("<p>Bonjour</p>", title: "Hello") }
///     }
/// }
///
/// @c @implementation
/// public func cartable_plugin_magic() -> UnsafePointer<cartable_plugin_magic_t>! { PluginExport.magic }
///
/// @c @implementation
/// public func cartable_plugin_entry(_ host: UnsafePointer<cartable_host_t>!) -> UnsafePointer<cartable_plugin_t>! {
///     PluginExport.entry(Hello.self, host: host)
/// }
/// ```
///
/// `id` and `version` must equal the manifest's, or the host refuses the plugin.
/// Handlers may run concurrently on several threads: keep shared state immutable, or
/// behind a lock, and keep data in the store.
public protocol Plugin: Sendable {
    /// The manifest id: `[a-z][a-z0-9-]{1,39}`.
    static var id: String { get }
    /// A human name, for logs.
    static var name: String { get }
    /// The manifest version, `MAJOR.MINOR.PATCH`.
    static var version: String { get }

    /// Prepares the plugin once, when the host loads it. A thrown error refuses the plugin
    /// with its message.
    init(host: PluginHost) throws

    /// Declares the routes. Called once after `init`.
    func routes(_ router: inout PluginRouter)

    /// Releases resources when the host stops. Default: nothing.
    func shutdown()
}

extension Plugin {
    public func shutdown() {}
}
