// DocumentCollection: typed get, put, delete and query on one declared collection.
import CartableWire
import CartableText
import Foundation

/// One collection of the plugin, with documents of type `Document` stored as JSON objects.
public struct DocumentCollection<Document: Codable> {
    let store: Store
    public let name: String

    /// The document and its version, or nil when absent.
    public func get(_ id: String) throws -> Versioned<Document>? {
        var version: Int64 = 0
        let data: Data
        do {
            data = try store.call { out in
                name.withCartableString { collection in
                    id.withCartableString { key in
                        store.table.pointee.get?(store.host, store.request, collection, key, &version, out) ?? CARTABLE_E_UNSUPPORTED
                    }
                }
            }
        } catch let error as PluginError where error.code == CARTABLE_E_NOT_FOUND && !error.message.contains("not declared") {
            return nil
        }
        return Versioned(id: id, version: version, document: try decodeDocument(data, id: id))
    }

    /// Writes the document; returns its new version. A stale `expecting` throws a conflict (409).
    @discardableResult
    public func put(_ id: String, _ document: Document, expecting: ExpectedVersion = .any) throws -> Int64 {
        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        let expected = try expecting.checkedRaw()
        var version: Int64 = 0
        _ = try store.call { out in
            name.withCartableString { collection in
                id.withCartableString { key in
                    json.withCartableString { body in
                        store.table.pointee.put?(store.host, store.request, collection, key, body, expected, &version, out)
                            ?? CARTABLE_E_UNSUPPORTED
                    }
                }
            }
        }
        return version
    }

    /// Deletes the document; absent throws a 404, a stale `expecting` a 409.
    public func delete(_ id: String, expecting: ExpectedVersion = .any) throws {
        let expected = try expecting.checkedRaw()
        _ = try store.call { out in
            name.withCartableString { collection in
                id.withCartableString { key in
                    store.table.pointee.remove?(store.host, store.request, collection, key, expected, out) ?? CARTABLE_E_UNSUPPORTED
                }
            }
        }
    }

    /// One page of documents matching `query`.
    public func query(_ query: StoreQuery = StoreQuery()) throws -> QueryPage<Document> {
        let text = query.json()
        let data = try store.call { out in
            name.withCartableString { collection in
                text.withCartableString { body in
                    store.table.pointee.query?(store.host, store.request, collection, body, out) ?? CARTABLE_E_UNSUPPORTED
                }
            }
        }
        // The page is parsed once; each document is decoded from its part of the tree.
        let page: JSONValue
        do {
            page = try JSONValue.parse(data)
        } catch {
            throw PluginError.internal("the host's page of '\(name)' is not JSON: \(error)")
        }
        guard case .array(let items)? = page["items"] else {
            throw PluginError.internal("the host's page of '\(name)' has no items")
        }
        let documents = try items.map { item -> Versioned<Document> in
            guard let id = item["id"]?.stringValue, let version = item["version"]?.integerValue, let body = item["document"] else {
                throw PluginError.internal("an item of the host's page of '\(name)' lacks its id, version or document")
            }
            return Versioned(id: id, version: version, document: try decodeDocument(body, id: id))
        }
        return QueryPage(items: documents, cursor: page["cursor"]?.stringValue)
    }

    private func decodeDocument(_ data: Data, id: String) throws -> Document {
        let body: JSONValue
        do {
            body = try JSONValue.parse(data)
        } catch {
            throw PluginError.internal("document '\(id)' in '\(name)' is not JSON: \(error)")
        }
        return try decodeDocument(body, id: id)
    }

    private func decodeDocument(_ body: JSONValue, id: String) throws -> Document {
        do {
            return try JSONValueDecoder().decode(Document.self, from: body)
        } catch {
            throw PluginError.internal("document '\(id)' in '\(name)' does not decode as \(Document.self): \(error)")
        }
    }

    /// Every document `query` matches, page after page (1,000 at a time): for exports and
    /// clean-ups, not for the pages people read.
    public func all(_ query: StoreQuery = StoreQuery()) throws -> [Versioned<Document>] {
        var found: [Versioned<Document>] = []
        var cursor: String?
        repeat {
            let page = try self.query(query.limit(1000).after(cursor))
            found += page.items
            cursor = page.cursor
        } while cursor != nil
        return found
    }
}
