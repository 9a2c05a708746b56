// Exports: re-exports the C ABI module, whose types a plugin's entry points name, and the text helpers.
@_exported public import CartableText
@_exported public import PluginAPI
