// Exports: re-exports the C ABI module, whose types a plugin's entry points name, the text helpers and the wire types shared with the host.
@_exported public import CartableText
@_exported public import CartableWire
@_exported public import PluginAPI
