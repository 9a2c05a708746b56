// PluginInstance: one loaded Swift plugin behind a C descriptor; errors never cross the boundary.
import CartableText
import CartableWire
import Foundation

/// The non-generic face of a plugin instance, reached from C through `plugin_data`.
class AnyPluginInstance {
    func initialize(error: UnsafePointer<cartable_sink_t>?) -> Int32 { CARTABLE_E_UNSUPPORTED }
    func handle(_ request: UnsafePointer<cartable_request_t>, _ response: UnsafePointer<cartable_response_t>) -> Int32 {
        CARTABLE_E_UNSUPPORTED
    }
    func shutdown() {}
    func extensionTable(_ id: String) -> UnsafeRawPointer? { nil }
    func personalData(
        _ request: UnsafePointer<cartable_request_t>, userID: String, out: UnsafePointer<cartable_sink_t>, erase: Bool
    ) -> Int32 {
        CARTABLE_E_UNSUPPORTED
    }
    func receive(_ request: UnsafePointer<cartable_request_t>, event: String, error: UnsafePointer<cartable_sink_t>) -> Int32 {
        CARTABLE_E_UNSUPPORTED
    }
    func seedDemo(_ request: UnsafePointer<cartable_request_t>, error: UnsafePointer<cartable_sink_t>) -> Int32 {
        CARTABLE_E_UNSUPPORTED
    }
    func homeCards(_ request: UnsafePointer<cartable_request_t>, options: String, out: UnsafePointer<cartable_sink_t>) -> Int32 {
        CARTABLE_E_UNSUPPORTED
    }

    static func from(_ plugin: UnsafePointer<cartable_plugin_t>?) -> AnyPluginInstance? {
        guard let data = plugin?.pointee.plugin_data else { return nil }
        return Unmanaged<AnyPluginInstance>.fromOpaque(data).takeUnretainedValue()
    }
}

/// Owns the plugin value, its router and its descriptor.
///
/// `plugin`, `router` and `strings` are written once in `initialize`, which the header
/// tags [load]: it runs before any `handle` and never concurrently with one. After that
/// they are only read, so concurrent `handle` calls are safe.
final class PluginInstance<P: Plugin>: AnyPluginInstance {
    let host: UnsafePointer<cartable_host_t>
    private(set) var descriptor: UnsafePointer<cartable_plugin_t>!
    private var plugin: P?
    private var router = PluginRouter()
    private var strings: Localization?

    init(host: UnsafePointer<cartable_host_t>) {
        self.host = host
        super.init()
        let descriptor = UnsafeMutablePointer<cartable_plugin_t>.allocate(capacity: 1)
        descriptor.initialize(
            to: cartable_plugin_t(
                struct_size: UInt32(MemoryLayout<cartable_plugin_t>.size), reserved: 0,
                id: UnsafePointer(strdup(P.id)), name: UnsafePointer(strdup(P.name)), version: UnsafePointer(strdup(P.version)),
                plugin_data: Unmanaged.passRetained(self as AnyPluginInstance).toOpaque(),
                init: instanceInit, shutdown: instanceShutdown, handle: instanceHandle, get_extension: instanceGetExtension))
        self.descriptor = UnsafePointer(descriptor)
    }

    override func initialize(error sink: UnsafePointer<cartable_sink_t>?) -> Int32 {
        let pluginHost = PluginHost(table: host)
        do {
            let plugin = try P(host: pluginHost)
            var router = PluginRouter()
            plugin.routes(&router)
            try ManifestRouteCheck.check(router, bundle: pluginHost.bundleURL)
            self.plugin = plugin
            self.router = router
            self.strings = Localization(folder: pluginHost.bundleURL.appendingPathComponent("locales"))
            return CARTABLE_OK
        } catch {
            let (code, message) = Self.describe(error)
            sink?.write(message)
            return code
        }
    }

    override func handle(_ request: UnsafePointer<cartable_request_t>, _ response: UnsafePointer<cartable_response_t>) -> Int32 {
        var swiftRequest = PluginRequest(raw: request, host: host, strings: strings)
        guard let (handler, parameters) = router.match(method: swiftRequest.method, path: swiftRequest.path) else {
            return Self.fail(response, CARTABLE_E_NOT_FOUND, "\(P.id) has no route for \(swiftRequest.method) \(swiftRequest.path)")
        }
        swiftRequest.parameters = parameters
        do {
            let reply = try handler(swiftRequest)
            let code = reply.write(to: response)
            return code == CARTABLE_OK ? CARTABLE_OK : Self.fail(response, code, "the host refused part of the response (code \(code))")
        } catch {
            let (code, message) = Self.describe(error)
            return Self.fail(response, code, message)
        }
    }

    override func shutdown() {
        plugin?.shutdown()
    }

    override func extensionTable(_ id: String) -> UnsafeRawPointer? {
        if id == CARTABLE_EXT_PERSONAL_DATA_1, plugin is any PersonalDataProvider { return UnsafeRawPointer(PersonalDataExport.table) }
        if id == CARTABLE_EXT_EVENT_LISTENER_1, plugin is any EventListener { return UnsafeRawPointer(EventListenerExport.table) }
        if id == CARTABLE_EXT_DEMO_1, plugin is any DemoContent { return UnsafeRawPointer(DemoContentExport.table) }
        if id == CARTABLE_EXT_WIDGETS_1, plugin is any HomeWidgets { return UnsafeRawPointer(HomeWidgetsExport.table) }
        return nil
    }

    override func seedDemo(_ request: UnsafePointer<cartable_request_t>, error sink: UnsafePointer<cartable_sink_t>) -> Int32 {
        guard let seeder = plugin as? any DemoContent else { return CARTABLE_E_UNSUPPORTED }
        do {
            try seeder.seedDemo(request: PluginRequest(raw: request, host: host, strings: strings))
            return CARTABLE_OK
        } catch {
            let (code, message) = Self.describe(error)
            sink.write(message)
            return code == CARTABLE_OK ? CARTABLE_E_INTERNAL : code
        }
    }

    override func homeCards(
        _ request: UnsafePointer<cartable_request_t>, options: String, out sink: UnsafePointer<cartable_sink_t>
    ) -> Int32 {
        guard let widgets = plugin as? any HomeWidgets else { return CARTABLE_E_UNSUPPORTED }
        do {
            let asked = ((try? JSONValueDecoder().decode(WidgetOptions.self, from: Data(options.utf8))) ?? .standard)
                .maxCards
            let cards = try widgets.homeCards(request: PluginRequest(raw: request, host: host, strings: strings), maxCards: asked)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            return sink.write(String(decoding: try encoder.encode(WidgetCards(cards: Array(cards.prefix(asked)))), as: UTF8.self))
        } catch {
            let (code, message) = Self.describe(error)
            sink.write(message)
            return code == CARTABLE_OK ? CARTABLE_E_INTERNAL : code
        }
    }

    override func receive(_ request: UnsafePointer<cartable_request_t>, event: String, error sink: UnsafePointer<cartable_sink_t>) -> Int32
    {
        guard let listener = plugin as? any EventListener else { return CARTABLE_E_UNSUPPORTED }
        do {
            let decoded = try JSONValueDecoder().decode(ReceivedEvent.self, from: Data(event.utf8))
            try listener.receive(decoded, request: PluginRequest(raw: request, host: host, strings: strings))
            return CARTABLE_OK
        } catch {
            let (code, message) = Self.describe(error)
            sink.write(message)
            return code == CARTABLE_OK ? CARTABLE_E_INTERNAL : code
        }
    }

    override func personalData(
        _ request: UnsafePointer<cartable_request_t>, userID: String, out: UnsafePointer<cartable_sink_t>, erase: Bool
    ) -> Int32 {
        guard let provider = plugin as? any PersonalDataProvider else { return CARTABLE_E_UNSUPPORTED }
        let swiftRequest = PluginRequest(raw: request, host: host, strings: strings)
        var text: String
        var code = CARTABLE_OK
        do {
            if erase {
                try provider.erasePersonalData(of: userID, request: swiftRequest)
                return CARTABLE_OK
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(provider.exportPersonalData(of: userID, request: swiftRequest)), as: UTF8.self)
        } catch {
            (code, text) = Self.describe(error)
        }
        guard let write = out.pointee.write else { return CARTABLE_E_INVALID }
        let written = text.withUTF8 { write(out.pointee.ctx, $0.baseAddress, UInt64($0.count)) }
        return code == CARTABLE_OK ? written : code
    }

    static func describe(_ error: any Error) -> (Int32, String) {
        if let error = error as? PluginError { return (error.code, error.message) }
        return (CARTABLE_E_INTERNAL, "\(error)")
    }

    static func fail(_ response: UnsafePointer<cartable_response_t>, _ code: Int32, _ message: String) -> Int32 {
        message.withCartableString { response.pointee.set_error?(response, $0) }
        return code
    }
}

private let instanceInit: @convention(c) (UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_sink_t>?) -> Int32 = { plugin, error in
    AnyPluginInstance.from(plugin)?.initialize(error: error) ?? CARTABLE_E_INVALID
}

private let instanceShutdown: @convention(c) (UnsafePointer<cartable_plugin_t>?) -> Void = { plugin in
    AnyPluginInstance.from(plugin)?.shutdown()
}

private let instanceHandle:
    @convention(c) (
        UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_request_t>?, UnsafePointer<cartable_response_t>?
    ) -> Int32 = { plugin, request, response in
        guard let instance = AnyPluginInstance.from(plugin), let request, let response else { return CARTABLE_E_INVALID }
        return instance.handle(request, response)
    }

private let instanceGetExtension: @convention(c) (UnsafePointer<cartable_plugin_t>?, UnsafePointer<CChar>?) -> UnsafeRawPointer? = {
    plugin, id in
    guard let id else { return nil }
    return AnyPluginInstance.from(plugin)?.extensionTable(String(cString: id))
}
