// LoadedPlugin+Demo: asks a plugin's `cartable.demo/1` to create its sample content in one school.
import Foundation
import PluginAPI

extension LoadedPlugin {
    /// The plugin's `cartable.demo/1` seed function, when it offers one.
    private var demoSeedFunction: OfferedFunction? {
        offeredExtension(CARTABLE_EXT_DEMO_1, as: cartable_demo_v1_t.self)?.pointee.seed
    }

    /// Whether the plugin offers `cartable.demo/1`.
    package var offersDemoContent: Bool { demoSeedFunction != nil }

    /// Calls `seed` in a request of `caller`'s school; nil when it succeeded, else what the
    /// plugin said (or its code). Blocks on the plugin: never call it on an event loop.
    package func seedDemoContent(as caller: PluginCaller) -> String? {
        guard let seed = demoSeedFunction else { return "the plugin offers no demo content" }
        let output = MessageCollector(limit: 64 << 10, refusesOverflow: false)
        let code = callOffered(seed, method: "SEED", caller: caller, text: "{}", output: output)
        guard code == CARTABLE_OK else { return "\(String(decoding: output.bytes, as: UTF8.self)) (code \(code))" }
        return nil
    }
}
