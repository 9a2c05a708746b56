// StoreExtensionTests: cartable.store/1 called by real C plugins over HTTP, and isolation between plugins.
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Store extension through the ABI")
struct StoreExtensionTests {
    @Test func pluginsReachOnlyTheirOwnCollections() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "alpha"))
        try workspace.installProbe(ProbeOptions(id: "beta"))
        try await workspace.portal().withClient { client in
            let put = try await client.post("/apps/alpha/store/put?collection=items&id=secret&expected=0", #"{"rank":1,"who":"alpha"}"#)
            #expect(try put.json()["version"] as? Int == 1)
            let mine = try await client.get("/apps/alpha/store/get?collection=items&id=secret")
            #expect((try mine.json()["document"] as? [String: Any])?["who"] as? String == "alpha")

            let theirs = try await client.get("/apps/beta/store/get?collection=items&id=secret")
            #expect(theirs.status == .notFound, "beta cannot read alpha's document with the same collection and id")
            let query = try await client.post("/apps/beta/store/query?collection=items", "{}")
            #expect((try query.json()["items"] as? [Any])?.count == 0)
            let deleted = try await client.post("/apps/beta/store/delete?collection=items&id=secret", "")
            #expect(deleted.status == .notFound)
            let still = try await client.get("/apps/alpha/store/get?collection=items&id=secret")
            #expect(still.status == .ok)
        }
    }

    @Test func undeclaredCollectionsAndStaleVersionsAreRefusedWithMessages() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe()
        try await workspace.portal().withClient { client in
            let undeclared = try await client.post("/apps/probe/store/put?collection=hidden&id=a", "{}")
            #expect(undeclared.status == .notFound)
            #expect(
                try undeclared.json()["error"] as? String
                    == "collection 'hidden' is not declared in the manifest of probe (declared: items)")

            _ = try await client.post("/apps/probe/store/put?collection=items&id=a&expected=0", #"{"rank":1}"#)
            let stale = try await client.post("/apps/probe/store/put?collection=items&id=a&expected=0", #"{"rank":2}"#)
            #expect(stale.status == .conflict)
            #expect(try stale.json()["error"] as? String == "document 'a' in 'items' already exists (version 1)")

            let notIndexed = try await client.post(
                "/apps/probe/store/query?collection=items", #"{"where":[{"field":"who","op":"eq","value":1}]}"#)
            #expect(notIndexed.status == .badRequest)
            #expect(try notIndexed.json()["error"] as? String == "field 'who' is not indexed in the manifest (indexed: group, rank)")

            let notJSON = try await client.post("/apps/probe/store/put?collection=items&id=a", "[]")
            #expect(notJSON.status == .badRequest)
            let kept = try await client.get("/apps/probe/store/get?collection=items&id=a")
            #expect(try kept.json()["version"] as? Int == 1, "refused writes change nothing")
        }
    }

    @Test func batchesAndQueriesWorkThroughC() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe()
        try await workspace.portal().withClient { client in
            let batch = """
                [{"op":"put","collection":"items","id":"a","document":{"rank":3}},
                 {"op":"put","collection":"items","id":"b","document":{"rank":1}},
                 {"op":"put","collection":"items","id":"c","document":{"rank":2},"expected_version":0}]
                """
            let applied = try await client.post("/apps/probe/store/batch", batch)
            #expect(applied.text == "[1,1,1]")
            let failing =
                #"[{"op":"delete","collection":"items","id":"a"},{"op":"put","collection":"items","id":"b","document":{},"expected_version":0}]"#
            let refused = try await client.post("/apps/probe/store/batch", failing)
            #expect(refused.status == .conflict)
            #expect(
                try refused.json()["error"] as? String
                    == "operation 1: document 'b' in 'items' already exists (version 1); nothing was written")
            let page = try await client.post("/apps/probe/store/query?collection=items", #"{"order":{"field":"rank"},"limit":2}"#)
            let json = try page.json()
            #expect((json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["b", "c"])
            let cursor = try #require(json["cursor"] as? String)
            let next = try await client.post(
                "/apps/probe/store/query?collection=items", #"{"order":{"field":"rank"},"limit":2,"cursor":"\#(cursor)"}"#)
            #expect(
                (try next.json()["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["a"], "the failed batch deleted nothing")
        }
    }
}
