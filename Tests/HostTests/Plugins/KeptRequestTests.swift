// KeptRequestTests: a plugin that keeps a request past its call and uses it later gets CARTABLE_E_INVALID, never another call's scope.
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("A request used after its call")
struct KeptRequestTests {
    @Test func aRequestKeptPastItsCallIsRefusedByTheStore() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(publicRoutes: false))
        try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin"), ines = try await client.logInDemo("ines.moreau")
            // Léa's document in the collège; Inès's calls run in the lycée while Léa's kept request is used.
            _ = try await client.post("/apps/probe/store/put?collection=items&id=late", #"{"rank": 1}"#, headers: lea.headers)
            #expect(try await client.get("/apps/probe/late/start", headers: lea.headers).status == .ok)
            for _ in 0..<10 {
                _ = try await client.get("/apps/probe/identity", headers: ines.headers)
                try await Task.sleep(for: .milliseconds(50))
            }
            var rc = 1
            for _ in 0..<40 where rc == 1 {
                rc = try await client.get("/apps/probe/late/result", headers: ines.headers).json()["rc"] as? Int ?? 1
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(rc == -1, "CARTABLE_E_INVALID, not the document of whichever call runs now (got \(rc))")
        }
    }
}
