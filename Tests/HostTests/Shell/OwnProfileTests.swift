// OwnProfileTests: my profile page says where I belong — my schools, my classes, and for a parent my children.
import Foundation
import HTTPTypes
import HostDomain
import Testing

@Suite("My profile page")
struct OwnProfileTests {
    let workspace: PluginWorkspace

    init() throws {
        workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
    }

    /// The `<main>` of `/profile` for a demo account.
    func profile(of login: String) async throws -> String {
        let page = try await workspace.portal().withClient { client in
            let session = try await client.logInDemo(login)
            return try await client.get("/profile", headers: session.headers).text
        }
        return String(page[(page.range(of: "<main")?.lowerBound ?? page.startIndex)...])
    }

    @Test func aPupilSeesTheirSchoolAndClass() async throws {
        let main = try await profile(of: "lea.martin")
        #expect(main.contains("<dt>Établissements</dt><dd>Collège Victor Hugo</dd>"))
        #expect(main.contains("<dt>Classes</dt><dd>4e A</dd>"))
    }

    @Test func aTeacherInTwoSchoolsSeesBoth() async throws {
        let main = try await profile(of: "paul.durand")
        #expect(main.contains("<dd>Collège Victor Hugo, Lycée Marie Curie (pilote)</dd>"))
    }

    @Test func aParentSeesTheirChildren() async throws {
        let main = try await profile(of: "marc.martin")
        #expect(main.contains("<dt>Enfants</dt><dd>Hugo Martin, Léa Martin</dd>"))
    }
}
