// Store: the typed Swift client of `cartable.store/1` (documents, versions, queries, batches).
import CartableText
import CartableWire
import Foundation

/// The host's document store, scoped by the host to this plugin and the caller.
///
/// ```swift
/// let notes = try request.store.collection("notes", of: Note.self)
/// let version = try notes.put("n1", Note(title: "Devoirs"), expecting: .new)
/// let page = try notes.query(StoreQuery().where("updated", .ge, "2026-09-01").order(by: "updated", descending: true))
/// ```
/// Collections and their indexed fields must be declared in the manifest.
public struct Store {
    let host: UnsafePointer<cartable_host_t>
    let request: UnsafePointer<cartable_request_t>?
    let table: UnsafePointer<cartable_store_v1_t>

    init(host: UnsafePointer<cartable_host_t>, request: UnsafePointer<cartable_request_t>?) throws {
        self.table = try host.extensionTable(CARTABLE_EXT_STORE_1, as: cartable_store_v1_t.self)
        self.host = host
        self.request = request
    }

    /// A typed view of one declared collection.
    public func collection<Document: Codable>(_ name: String, of type: Document.Type) -> DocumentCollection<Document> {
        DocumentCollection(store: self, name: name)
    }

    /// Applies every operation or none; returns the resulting versions (0 for deletes).
    @discardableResult
    public func batch(_ operations: [BatchOperation]) throws -> [Int64] {
        let encoded = try operations.map { try $0.json() }
        let text = "[" + encoded.joined(separator: ",") + "]"
        let output = try call { out in text.withCartableString { table.pointee.batch?(host, request, $0, out) ?? CARTABLE_E_UNSUPPORTED } }
        return try JSONValueDecoder().decode([Int64].self, from: output)
    }

    /// Runs a store function with an output sink; a negative code becomes a ``PluginError``.
    func call(_ body: (UnsafePointer<cartable_sink_t>) -> Int32) throws -> Data {
        try hostCall(body)
    }
}

/// Whether a write expects the document to exist, and at which version.
public enum ExpectedVersion: Sendable, Equatable {
    /// Write whatever is there.
    case any
    /// The document must not exist yet.
    case new
    /// The document must be at this version (the one you read).
    case version(Int64)

    var raw: Int64 {
        switch self {
        case .any: Int64(CARTABLE_VERSION_ANY)
        case .new: Int64(CARTABLE_VERSION_NEW)
        case .version(let number): number
        }
    }

    /// ``raw``, refusing a `.version` of 0 or below: such a number (often read from a form)
    /// would reach the host as "new" or "any version" and overwrite a colleague's edit.
    func checkedRaw() throws -> Int64 {
        if case .version(let number) = self, number <= 0 {
            throw PluginError(
                code: CARTABLE_E_INVALID, message: "a document's version is 1 or more, not \(number): read the document again")
        }
        return raw
    }
}

/// A document and the version it was read at.
public struct Versioned<Document> {
    public let id: String
    public let version: Int64
    public let document: Document

    /// A document with the version a put answered, e.g. to describe what was just saved.
    public init(id: String, version: Int64, document: Document) {
        self.id = id
        self.version = version
        self.document = document
    }
}

extension Versioned: Sendable where Document: Sendable {}

/// One page of a query and the cursor to the next one.
public struct QueryPage<Document> {
    public let items: [Versioned<Document>]
    /// Pass it to ``StoreQuery/after(_:)`` for the next page; nil on the last page.
    public let cursor: String?
}

/// One write of an atomic batch.
public struct BatchOperation: Sendable {
    let collection: String
    let id: String
    let documentJSON: Data?
    let expected: ExpectedVersion

    public static func put<Document: Encodable>(
        _ collection: String, _ id: String, _ document: Document, expecting: ExpectedVersion = .any
    ) throws -> BatchOperation {
        BatchOperation(collection: collection, id: id, documentJSON: try JSONEncoder().encode(document), expected: expecting)
    }

    public static func delete(_ collection: String, _ id: String, expecting: ExpectedVersion = .any) -> BatchOperation {
        BatchOperation(collection: collection, id: id, documentJSON: nil, expected: expecting)
    }

    func json() throws -> String {
        let head =
            "{\"op\":\"\(documentJSON == nil ? "delete" : "put")\",\"collection\":\(try jsonString(collection)),\"id\":\(try jsonString(id)),\"expected_version\":\(try expected.checkedRaw())"
        guard let documentJSON else { return head + "}" }
        return head + ",\"document\":" + String(decoding: documentJSON, as: UTF8.self) + "}"
    }
}

func jsonString(_ text: String) throws -> String {
    String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
}

/// Runs a host function that answers through an output sink: its bytes, or a
/// ``PluginError`` with the host's message for a negative code.
func hostCall(_ body: (UnsafePointer<cartable_sink_t>) -> Int32) throws -> Data {
    let output = OutputBuffer()
    var sink = output.sink
    let code = withUnsafePointer(to: &sink) { body($0) }
    guard code == CARTABLE_OK else {
        throw PluginError(code: code, message: String(decoding: output.data, as: UTF8.self))
    }
    return output.data
}

/// Collects bytes the host writes into a plugin-owned sink.
final class OutputBuffer {
    var data = Data()

    var sink: cartable_sink_t {
        cartable_sink_t(ctx: Unmanaged.passUnretained(self).toOpaque(), write: outputBufferWrite)
    }
}

private let outputBufferWrite: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt64) -> Int32 = { ctx, bytes, length in
    guard let ctx else { return CARTABLE_E_INVALID }
    guard length > 0 else { return CARTABLE_OK }
    guard let bytes else { return CARTABLE_E_INVALID }
    Unmanaged<OutputBuffer>.fromOpaque(ctx).takeUnretainedValue().data.append(bytes, count: Int(length))
    return CARTABLE_OK
}
