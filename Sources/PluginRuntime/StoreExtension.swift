// StoreExtension: the C table of `cartable.store/1`, bridging plugin calls to the DocumentStore.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginAPI

/// `cartable.store/1`: every call is scoped by the host table (which plugin) and the
/// request (which scope) before it reaches ``DocumentStore``; collections must be declared.
enum StoreExtension {
    /// One table for every plugin: the functions find their plugin through `host`.
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_store_v1_t> = {
        let table = UnsafeMutablePointer<cartable_store_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_store_v1_t(
                struct_size: UInt32(MemoryLayout<cartable_store_v1_t>.size),
                reserved: 0, put: storePut, get: storeGet, remove: storeRemove, query: storeQuery, batch: storeBatch))
        return table
    }()

    /// Resolves who is calling and runs `work`, turning failures into a code and a message.
    static func call(
        _ host: UnsafePointer<cartable_host_t>?, _ request: UnsafePointer<cartable_request_t>?,
        _ out: UnsafePointer<cartable_sink_t>?, _ work: (PluginHostContext, DocumentOwner) throws(StoreError) -> Void
    ) -> Int32 {
        guard let context = PluginHostContext.from(host) else { return CARTABLE_E_INVALID }
        let scope: String
        if let request {
            guard let exchange = PluginExchange.from(request) else {
                out?.write("request is not one the host handed to this plugin")
                return CARTABLE_E_INVALID
            }
            scope = exchange.pointee.scope
        } else {
            scope = ""
        }
        do {
            try work(context, DocumentOwner(plugin: context.manifest.id, scope: scope))
            return CARTABLE_OK
        } catch {
            out?.write(error.message)
            if error.kind == .internal { context.logger.error("store: \(error.message)") }
            return error.kind.code
        }
    }

    static func declared(_ context: PluginHostContext, _ collection: String) throws(StoreError) -> Set<String> {
        guard let indexed = context.collections[collection] else {
            let names = context.collections.keys.sorted().joined(separator: ", ")
            throw .notFound(
                "collection '\(collection)' is not declared in the manifest of \(context.manifest.id) (declared: \(names.isEmpty ? "none" : names))"
            )
        }
        return indexed
    }
}

extension StoreError.Kind {
    var code: Int32 {
        switch self {
        case .invalid: CARTABLE_E_INVALID
        case .notFound: CARTABLE_E_NOT_FOUND
        case .conflict: CARTABLE_E_CONFLICT
        case .denied: CARTABLE_E_DENIED
        case .tooLarge: CARTABLE_E_TOO_LARGE
        case .internal: CARTABLE_E_INTERNAL
        }
    }
}

private let storePut:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, cartable_str_t, cartable_str_t, Int64,
        UnsafeMutablePointer<Int64>?, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, collection, id, json, expected, newVersion, out in
        StoreExtension.call(host, request, out) { context, owner throws(StoreError) in
            let name = collection.string
            _ = try StoreExtension.declared(context, name)
            let version = try context.store.put(owner, collection: name, id: id.string, json: json.string, expectedVersion: expected)
            newVersion?.pointee = version
        }
    }

private let storeGet:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, cartable_str_t,
        UnsafeMutablePointer<Int64>?, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, collection, id, version, out in
        StoreExtension.call(host, request, out) { context, owner throws(StoreError) in
            let name = collection.string
            _ = try StoreExtension.declared(context, name)
            guard let document = try context.store.get(owner, collection: name, id: id.string) else {
                throw .notFound("no document '\(id.string)' in '\(name)'")
            }
            version?.pointee = document.version
            if let out, out.write(document.json) != CARTABLE_OK { throw .invalid("the plugin's sink refused the document") }
        }
    }

private let storeRemove:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, cartable_str_t, Int64,
        UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, collection, id, expected, out in
        StoreExtension.call(host, request, out) { context, owner throws(StoreError) in
            let name = collection.string
            _ = try StoreExtension.declared(context, name)
            try context.store.delete(owner, collection: name, id: id.string, expectedVersion: expected)
        }
    }

private let storeQuery:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, cartable_str_t,
        UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, collection, queryJSON, out in
        StoreExtension.call(host, request, out) { context, owner throws(StoreError) in
            let name = collection.string
            let indexed = try StoreExtension.declared(context, name)
            let text = queryJSON.string
            let query = try DocumentQuery(json: Data((text.isEmpty ? "{}" : text).utf8), indexed: indexed)
            let page = try context.store.query(owner, collection: name, query: query)
            var result = "{\"items\":["
            for (index, item) in page.items.enumerated() {
                if index > 0 { result += "," }
                result += "{\"id\":\(jsonStringLiteral(item.id)),\"version\":\(item.version),\"document\":\(item.json)}"
            }
            result += "],\"cursor\":\(page.cursor.map(jsonStringLiteral) ?? "null")}"
            if let out, out.write(result) != CARTABLE_OK { throw .invalid("the plugin's sink refused the query result") }
        }
    }

private let storeBatch:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, batchJSON, out in
        StoreExtension.call(host, request, out) { context, owner throws(StoreError) in
            let operations = try BatchParser.parse(batchJSON.string) { name throws(StoreError) in
                _ = try StoreExtension.declared(context, name)
            }
            let versions = try context.store.batch(owner, operations: operations)
            let result = "[" + versions.map(String.init).joined(separator: ",") + "]"
            if let out, out.write(result) != CARTABLE_OK { throw .invalid("the plugin's sink refused the batch result") }
        }
    }

/// Parses the JSON array of a `batch` call into operations.
enum BatchParser {
    static let maxOperations = 1000

    static func parse(_ text: String, checkCollection: (String) throws(StoreError) -> Void) throws(StoreError) -> [BatchOperation] {
        let root: JSONValue
        do { root = try JSONValue.parse(Data(text.utf8)) } catch { throw .invalid("batch is not valid JSON: \(error)") }
        guard case .array(let items) = root, !items.isEmpty else { throw .invalid("batch must be a non-empty JSON array of operations") }
        guard items.count <= maxOperations else { throw .tooLarge("batch has \(items.count) operations; the limit is \(maxOperations)") }
        var operations: [BatchOperation] = []
        for (index, item) in items.enumerated() {
            guard let op = item["op"]?.stringValue, let collection = item["collection"]?.stringValue, let id = item["id"]?.stringValue
            else {
                throw .invalid("operation \(index) needs 'op', 'collection' and 'id' strings")
            }
            try checkCollection(collection)
            let expected: Int64
            switch item["expected_version"] {
            case nil, .some(.null): expected = Int64(CARTABLE_VERSION_ANY)
            case .some(let value):
                guard let number = value.integerValue else { throw .invalid("operation \(index): 'expected_version' must be an integer") }
                expected = number
            }
            switch op {
            case "put":
                guard let document = item["document"], case .object = document else {
                    throw .invalid("operation \(index): 'put' needs a 'document' object")
                }
                operations.append(.put(collection: collection, id: id, json: document.jsonText(), expectedVersion: expected))
            case "delete":
                operations.append(.delete(collection: collection, id: id, expectedVersion: expected))
            default:
                throw .invalid("operation \(index): 'op' must be 'put' or 'delete', not '\(op)'")
            }
        }
        return operations
    }
}
