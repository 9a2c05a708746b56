// DemoContent: what a Swift plugin implements to offer `cartable.demo/1` (sample content for the demo portal).
import Foundation

/// A plugin with something to show in the demo portal conforms: when the portal runs with
/// demo data, the host calls ``seedDemo(request:)`` once per school that enables the plugin,
/// with a request whose user is one of the school's teachers (their classes and actions
/// included), so the plugin creates its content as that teacher would.
public protocol DemoContent {
    func seedDemo(request: PluginRequest) throws
}

/// The C table PluginKit hands the host for plugins that conform.
enum DemoContentExport {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_demo_v1_t> = {
        let table = UnsafeMutablePointer<cartable_demo_v1_t>.allocate(capacity: 1)
        table.initialize(to: cartable_demo_v1_t(struct_size: UInt32(MemoryLayout<cartable_demo_v1_t>.size), reserved: 0, seed: demoSeed))
        return table
    }()
}

private let demoSeed:
    @convention(c) (
        UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { plugin, request, _, error in
        guard let instance = AnyPluginInstance.from(plugin), let request, let error else { return CARTABLE_E_INVALID }
        return instance.seedDemo(request, error: error)
    }
