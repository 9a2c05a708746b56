// LauncherTests: the home page's launcher lists the apps the school enabled that the caller may open, named in their language, with icons.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The app launcher")
struct LauncherTests {
    @Test func aTeacherAndAStudentSeeDifferentLaunchers() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try workspace.installProbe(
            ProbeOptions(
                id: "labo", publicRoutes: false, gatedRoutes: [("GET", "/", "labo.use")], actions: [("labo.use", ["Teacher"])],
                locales: ["fr": ["app.name": "Laboratoire"], "en": ["app.name": "Science lab"]]))
        _ = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand"), lea = try await client.logInDemo("lea.martin")
            let teacher = try await client.get("/", headers: paul.headers).text
            #expect(
                teacher.contains(
                    "<a href=\"/apps/labo/\"><span class=\"app-initial size-48\" aria-hidden=\"true\">L</span><span>Laboratoire</span></a>")
            )
            #expect(
                teacher.contains(
                    "<a href=\"/apps/notes/\"><img class=\"app-icon\" src=\"/apps/notes/assets/icon.svg\" alt=\"\" width=\"48\" height=\"48\"><span>Notes</span></a>"
                ))
            let student = try await client.get("/", headers: lea.headers).text
            #expect(student.contains("/apps/notes/") && !student.contains("/apps/labo/"), "the student lacks labo.use: no Laboratoire")
            var english = paul.headers
            english[.acceptLanguage] = "en"
            #expect(try await client.get("/", headers: english).text.contains("<span>Science lab</span>"))
            #expect(try await client.get("/apps/notes/assets/icon.svg", headers: lea.headers).status == .ok)
        }
    }
}
