// DocumentStoreTests: the store contract — versions and conflicts, queries, cursor paging, atomic batches.
import Foundation
import HostStorage
import Testing

@Suite("Document store")
struct DocumentStoreTests {
    let store: DocumentStore
    let owner = DocumentOwner(plugin: "tests", scope: "")

    init() throws {
        store = DocumentStore(database: try openTestDatabase())
        try store.ensureIndexes(plugin: "tests", collection: "items", fields: ["rank", "group"])
    }

    func put(_ id: String, _ json: String, expecting: Int64 = -1) throws(StoreError) -> Int64 {
        try store.put(owner, collection: "items", id: id, json: json, expectedVersion: expecting)
    }

    @Test func versionsGrowAndStaleWritesConflict() throws {
        #expect(try put("a", #"{"rank":1}"#, expecting: 0) == 1)
        #expect(try put("a", #"{"rank":2}"#, expecting: 1) == 2)
        #expect(throws: StoreError.conflict("document 'a' in 'items' is at version 2, not 1: someone else changed it; reload and retry")) {
            try put("a", #"{"rank":3}"#, expecting: 1)
        }
        #expect(throws: StoreError.conflict("document 'a' in 'items' already exists (version 2)")) {
            try put("a", #"{"rank":3}"#, expecting: 0)
        }
        #expect(throws: StoreError.conflict("document 'ghost' in 'items' no longer exists (expected version 4)")) {
            try put("ghost", #"{}"#, expecting: 4)
        }
        let document = try #require(try store.get(owner, collection: "items", id: "a"))
        #expect(document.version == 2)
        #expect(sameJSON(document.json, #"{"rank":2}"#), "a refused write changes nothing")
        #expect(try put("a", #"{"rank":5}"#) == 3, "expecting any version always writes")
    }

    @Test func deleteChecksVersionsAndExistence() throws {
        _ = try put("d", "{}")
        #expect(throws: StoreError.self) { try store.delete(owner, collection: "items", id: "d", expectedVersion: 7) }
        try store.delete(owner, collection: "items", id: "d", expectedVersion: 1)
        #expect(try store.get(owner, collection: "items", id: "d") == nil)
        #expect(throws: StoreError.notFound("no document 'd' in 'items'")) {
            try store.delete(owner, collection: "items", id: "d", expectedVersion: -1)
        }
    }

    @Test func badInputIsRefusedWithAMessageAndKeepsData() throws {
        _ = try put("keep", #"{"rank":1}"#)
        #expect(throws: StoreError.invalid("document 'keep' must be a JSON object")) { try put("keep", "[1,2]") }
        #expect(throws: StoreError.invalid("document 'keep' must be a JSON object")) { try put("keep", "{broken") }
        #expect(throws: StoreError.self) { try put("bad id with spaces", "{}") }
        #expect(throws: StoreError.self) { try store.put(owner, collection: "drop table", id: "x", json: "{}", expectedVersion: -1) }
        let small = DocumentStore(database: store.database, maxDocumentBytes: 16)
        #expect(throws: StoreError.tooLarge("document 'big' is 29 bytes; the limit is 16")) {
            try small.put(owner, collection: "items", id: "big", json: #"{"text":"aaaaaaaaaaaaaaaaaa"}"#, expectedVersion: -1)
        }
        #expect(sameJSON(try store.get(owner, collection: "items", id: "keep")?.json, #"{"rank":1}"#))
    }

    func query(_ json: String) throws(StoreError) -> DocumentPage {
        try store.query(owner, collection: "items", query: DocumentQuery(json: Data(json.utf8), indexed: ["rank", "group"]))
    }

    @Test func queriesFilterOnRangesAndOrder() throws {
        for rank in 1...10 {
            _ = try put("r\(rank)", #"{"rank":\#(rank),"group":"\#(rank.isMultiple(of: 2) ? "even" : "odd")"}"#)
        }
        let range = try query(
            #"{"where":[{"field":"rank","op":"ge","value":3},{"field":"rank","op":"lt","value":7}],"order":{"field":"rank"}}"#)
        #expect(range.items.map(\.id) == ["r3", "r4", "r5", "r6"])
        let descending = try query(
            #"{"where":[{"field":"group","op":"eq","value":"even"}],"order":{"field":"rank","descending":true},"limit":3}"#)
        #expect(descending.items.map(\.id) == ["r10", "r8", "r6"])
        #expect(descending.cursor != nil)
        #expect(throws: StoreError.self) { try query(#"{"where":[{"field":"secret","op":"eq","value":1}]}"#) }
        #expect(throws: StoreError.invalid("query 'limit' must be an integer from 1 to 1000")) { try query(#"{"limit":0}"#) }
        #expect(throws: StoreError.invalid("query has an unknown key 'sort' (use where, order, limit, cursor)")) {
            try query(#"{"sort":"rank"}"#)
        }
    }

    @Test(arguments: [false, true])
    func cursorPagingVisitsEveryDocumentOnceAcross1000(descending: Bool) throws {
        let operations = (0..<1000).map { index in
            // Ranks repeat (index / 3) so pages must break ties by id; every tenth has no rank at all.
            let body = index.isMultiple(of: 10) ? #"{"n":\#(index)}"# : #"{"rank":\#(index / 3),"n":\#(index)}"#
            return BatchOperation.put(collection: "items", id: String(format: "doc-%04d", index), json: body, expectedVersion: -1)
        }
        _ = try store.batch(owner, operations: operations)
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let cursorPart = cursor.map { #","cursor":"\#($0)""# } ?? ""
            let page = try query(#"{"order":{"field":"rank","descending":\#(descending)},"limit":37\#(cursorPart)}"#)
            seen += page.items.map(\.id)
            cursor = page.cursor
            pages += 1
        } while cursor != nil && pages < 100
        #expect(seen.count == 1000)
        #expect(Set(seen).count == 1000, "no document twice")
        #expect(pages == 28)
        // The order holds across pages: by rank (missing ranks first ascending, last descending), then id.
        let ranks = seen.map { id -> Int in
            let index = Int(id.dropFirst(4))!
            return index.isMultiple(of: 10) ? -1 : index / 3
        }
        let expected = descending ? ranks.sorted(by: >) : ranks.sorted()
        #expect(ranks == expected)
    }

    @Test func aCursorFromAnotherOrderIsRefused() throws {
        for index in 0..<5 { _ = try put("c\(index)", #"{"rank":\#(index)}"#) }
        let page = try query(#"{"order":{"field":"rank"},"limit":2}"#)
        let cursor = try #require(page.cursor)
        #expect(throws: StoreError.invalid("query cursor belongs to a query with another order: restart without a cursor")) {
            try query(#"{"order":{"field":"rank","descending":true},"cursor":"\#(cursor)"}"#)
        }
        #expect(throws: StoreError.self) { try query(#"{"cursor":"%%%"}"#) }
    }

    @Test func batchesApplyAllOrNothing() throws {
        _ = try put("x", #"{"rank":1}"#)
        let failing: [BatchOperation] = [
            .put(collection: "items", id: "new1", json: #"{"rank":9}"#, expectedVersion: 0),
            .delete(collection: "items", id: "x", expectedVersion: 1),
            .put(collection: "items", id: "x", json: #"{"rank":2}"#, expectedVersion: 1),
        ]
        #expect(
            throws: StoreError.conflict("operation 2: document 'x' in 'items' no longer exists (expected version 1); nothing was written")
        ) {
            try store.batch(owner, operations: failing)
        }
        #expect(try store.get(owner, collection: "items", id: "new1") == nil, "the first write was rolled back")
        #expect(try store.get(owner, collection: "items", id: "x")?.version == 1, "the delete was rolled back")

        let versions = try store.batch(
            owner,
            operations: [
                .put(collection: "items", id: "new1", json: #"{"rank":9}"#, expectedVersion: 0),
                .put(collection: "items", id: "x", json: #"{"rank":2}"#, expectedVersion: 1),
                .delete(collection: "items", id: "new1", expectedVersion: 1),
            ])
        #expect(versions == [1, 2, 0])
        #expect(sameJSON(try store.get(owner, collection: "items", id: "x")?.json, #"{"rank":2}"#))
    }

    @Test func ownersNeverSeeEachOthersDocuments() throws {
        let other = DocumentOwner(plugin: "other", scope: "")
        let school = DocumentOwner(plugin: "tests", scope: "school-2")
        _ = try put("shared-id", #"{"rank":1}"#)
        #expect(try store.get(other, collection: "items", id: "shared-id") == nil)
        #expect(try store.get(school, collection: "items", id: "shared-id") == nil)
        _ = try store.put(other, collection: "items", id: "shared-id", json: #"{"rank":99}"#, expectedVersion: 0)
        #expect(sameJSON(try store.get(owner, collection: "items", id: "shared-id")?.json, #"{"rank":1}"#))
        let page = try store.query(other, collection: "items", query: DocumentQuery())
        #expect(page.items.count == 1 && sameJSON(page.items.first?.json, #"{"rank":99}"#))
    }
}

/// Whether two JSON texts hold the same value (PostgreSQL's jsonb gives documents back re-spaced, keys reordered).
func sameJSON(_ found: String?, _ expected: String) -> Bool {
    guard let found, let left = try? JSONSerialization.jsonObject(with: Data(found.utf8)),
        let right = try? JSONSerialization.jsonObject(with: Data(expected.utf8))
    else { return false }
    return (left as? NSObject)?.isEqual(right) ?? false
}
