// NotesSharingTests: the notes template (a real Swift plugin) shares a note with a class through PluginKit's access and events clients.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sharing a note announces it on the class's timelines")
struct NotesSharingTests {
    @Test func aTeacherSharesANoteWithOneClassAndItsStudentsSeeAndReadIt() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        let database = try workspace.seedDemo()
        let fourthA = try #require(
            try await database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT c.id FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.uai = '0750001A' AND c.name = '4e A'")
            })
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            #expect(
                try await client.post(
                    "/apps/notes/notes", "_csrf=\(paul.csrf)&title=Sortie+au+mus%C3%A9e&body=Rendez-vous+%C3%A0+8h", headers: paul.form
                ).status == .seeOther)
            let id = try #require(
                try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM documents WHERE plugin = 'notes'") })
            let edit = try await client.get("/apps/notes/notes/\(id)", headers: paul.headers)
            #expect(edit.text.contains("name=\"class\"") && edit.text.contains("4e A"), "a teacher is offered their classes")

            // A student may not share: the host refuses before the plugin runs.
            let lea = try await client.logInDemo("lea.martin")
            #expect(
                try await client.post("/apps/notes/notes/\(id)/share", "_csrf=\(lea.csrf)&class=\(fourthA)", headers: lea.form).status
                    == .forbidden)

            #expect(
                try await client.post("/apps/notes/notes/\(id)/share", "_csrf=\(paul.csrf)&class=\(fourthA)", headers: paul.form).status
                    == .seeOther)
            let home = try await client.get("/", headers: lea.headers)
            #expect(home.text.contains("Paul Durand a partagé la note « Sortie au musée » avec la 4e A"))
            #expect(home.text.contains("href=\"/apps/notes/notes/\(id)\""))
            let note = try await client.get("/apps/notes/notes/\(id)", headers: lea.headers)
            #expect(
                note.status == .ok && note.text.contains("Rendez-vous à 8h") && !note.text.contains("name=\"title\""), "read-only for her")
            #expect(try await client.get("/apps/notes/", headers: lea.headers).text.contains("Notes partagées avec moi"))

            // Hugo (4e B) neither sees it nor reads it.
            let hugo = try await client.logInDemo("hugo.martin")
            #expect(!(try await client.get("/", headers: hugo.headers).text.contains("Sortie au musée")))
            #expect(try await client.get("/apps/notes/notes/\(id)", headers: hugo.headers).status == .notFound)
        }
    }
}
