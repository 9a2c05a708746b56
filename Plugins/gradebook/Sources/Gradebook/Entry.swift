// Entry: the two C symbols the host looks for, checked by Swift against cartable_plugin.h.
import PluginKit

@c @implementation
public func cartable_plugin_magic() -> UnsafePointer<cartable_plugin_magic_t>! {
    PluginExport.magic
}

@c @implementation
public func cartable_plugin_entry(_ host: UnsafePointer<cartable_host_t>!) -> UnsafePointer<cartable_plugin_t>! {
    PluginExport.entry(GradebookPlugin.self, host: host)
}
