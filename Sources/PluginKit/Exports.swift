// Exports: re-exports the C ABI module, whose types a plugin's entry points name.
@_exported public import PluginAPI
