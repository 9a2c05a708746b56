// NotesPlugin: a small notebook (list, create, edit, share with a class) stored through cartable.store/1, announced on the timeline.
import Foundation
import PluginKit

struct NotesPlugin: Plugin {
    static let id = "notes"
    static let name = "Notes"
    static let version = "0.1.0"

    init(host: PluginHost) throws {
        _ = try host.store()
        host.log("notes ready")
    }

    func routes(_ router: inout PluginRouter) {
        router.get("/", list)
        router.get("/new", newForm)
        router.post("/notes", create)
        router.get("/notes/:id", editForm)
        router.post("/notes/:id", update)
        router.post("/notes/:id/share", share)
        router.get("/api/notes", apiList)
        router.get("/api/me", me)
        router.post("/api/echo", echo)
    }

    static let pageSize = 20

    func notes(_ request: PluginRequest) throws -> DocumentCollection<Note> {
        try request.store.collection("notes", of: Note.self)
    }

    /// The caller's notes, latest first.
    func mine(_ user: PluginUser, limit: Int, after cursor: String?) -> StoreQuery {
        StoreQuery().where("owner", .eq, .string(user.id)).order(by: "updated", descending: true).limit(limit).after(cursor)
    }

    /// A note of the caller's, or 404 (someone else's note does not exist for them).
    func own(_ id: String, _ request: PluginRequest) throws -> Versioned<Note> {
        let user = try request.requireUser()
        guard let note = try notes(request).get(id), note.document.owner == user.id else {
            throw PluginError.notFound(request.localized("error.not_found"))
        }
        return note
    }

    func list(_ request: PluginRequest) throws -> PluginResponse {
        let page = try notes(request).query(mine(try request.requireUser(), limit: Self.pageSize, after: request.query["after"]))
        let shared = Array(try sharedNotes(request).prefix(Self.pageSize))
        return .html(NotesPages.list(page, shared: shared, request: request), title: request.localized("title.list"))
    }

    /// The notes others shared with the caller, newest change first.
    func sharedNotes(_ request: PluginRequest) throws -> [Versioned<Note>] {
        let collection = try notes(request)
        return try request.access.sharedWithMe(atLeast: .read).compactMap { resource -> Versioned<Note>? in
            guard resource.hasPrefix("note-") else { return nil }
            return try collection.get(String(resource.dropFirst("note-".count)))
        }.sorted { $0.document.updated > $1.document.updated }
    }

    func newForm(_ request: PluginRequest) throws -> PluginResponse {
        .html(
            NotesPages.form(id: nil, version: nil, title: "", body: "", error: nil, request: request), title: request.localized("title.new")
        )
    }

    func create(_ request: PluginRequest) throws -> PluginResponse {
        let form = request.form
        let title = form["title"] ?? "", body = form["body"] ?? ""
        if let error = Note.validate(title: title, body: body) {
            return .html(
                NotesPages.form(id: nil, version: nil, title: title, body: body, error: error, request: request),
                title: request.localized("title.new"), status: 400)
        }
        let now = Note.now()
        let id = UUID().uuidString.lowercased()
        try notes(request).put(
            id, Note(owner: try request.requireUser().id, title: title, body: body, created: now, updated: now), expecting: .new)
        return .redirect(to: "\(request.basePath)/")
    }

    func editForm(_ request: PluginRequest) throws -> PluginResponse {
        let id = try request.parameter("id")
        let user = try request.requireUser()
        // Someone the note is shared with reads it; its owner edits it.
        if let note = try notes(request).get(id), note.document.owner != user.id, try request.access.check("note-\(id)", .read) {
            return .html(NotesPages.read(note.document, request: request), title: note.document.title)
        }
        let note = try own(id, request)
        let classes = try request.access.isGranted("notes.share") ? (try request.directory.classes() ?? []) : []
        return .html(
            NotesPages.form(
                id: id, version: note.version, title: note.document.title, body: note.document.body, error: nil, request: request)
                + NotesPages.shareForm(id: id, classes: classes, request: request),
            title: request.localized("title.edit"))
    }

    /// Shares one of the caller's notes with one of their classes (action `notes.share`,
    /// checked by the host): its pupils and their parents read it, and are told on their
    /// timeline. The share targets the class's groups, not today's pupils, so a pupil who
    /// joins the class later reads it too.
    func share(_ request: PluginRequest) throws -> PluginResponse {
        let id = try request.parameter("id")
        let note = try own(id, request)
        let classID = request.form["class"] ?? ""
        guard let schoolClass = try request.directory.classes()?.first(where: { $0.id == classID }) else {
            throw PluginError.invalid(request.localized("error.not_your_class"))
        }
        let readers = (try request.directory.groups(ofClass: classID) ?? []).filter { $0.profile == "Student" || $0.profile == "Relative" }
        for group in readers {
            try request.access.share("note-\(id)", with: .group(group.id), right: .read)
        }
        try request.events.emit(
            "notes.note.shared", to: .init(groups: readers.map(\.id)), link: "\(request.basePath)/notes/\(id)", resource: "note-\(id)",
            params: ["title": note.document.title, "class": schoolClass.name], key: "share-\(id)-\(classID)")
        return .redirect(to: "\(request.basePath)/notes/\(id)")
    }

    func update(_ request: PluginRequest) throws -> PluginResponse {
        let id = try request.parameter("id")
        let form = request.form
        let title = form["title"] ?? "", body = form["body"] ?? ""
        guard let version = form["version"].flatMap(Int64.init) else {
            throw PluginError.invalid(request.localized("error.version_missing"))
        }
        let collection = try notes(request)
        let current = try own(id, request)
        if let error = Note.validate(title: title, body: body) {
            return .html(
                NotesPages.form(id: id, version: version, title: title, body: body, error: error, request: request),
                title: request.localized("title.edit"), status: 400)
        }
        var note = current.document
        note.title = title
        note.body = body
        note.updated = Note.now()
        do {
            try collection.put(id, note, expecting: .version(version))
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            // Someone saved first: show their version and keep what this user typed.
            return .html(
                NotesPages.form(id: id, version: current.version, title: title, body: body, error: "error.conflict", request: request),
                title: request.localized("title.edit"), status: 409)
        }
        return .redirect(to: "\(request.basePath)/")
    }

    struct NoteItem: Encodable {
        let id: String
        let version: Int64
        let title: String
        let updated: String
    }

    struct NoteList: Encodable {
        let items: [NoteItem]
        let cursor: String?
    }

    func apiList(_ request: PluginRequest) throws -> PluginResponse {
        let limit = request.query["limit"].flatMap(Int.init) ?? Self.pageSize
        guard (1...100).contains(limit) else { throw PluginError.invalid("limit must be from 1 to 100") }
        let page = try notes(request).query(mine(try request.requireUser(), limit: limit, after: request.query["after"]))
        return try .json(
            NoteList(
                items: page.items.map { NoteItem(id: $0.id, version: $0.version, title: $0.document.title, updated: $0.document.updated) },
                cursor: page.cursor))
    }

    struct Me: Encodable {
        let id: String
        let name: String
        let profile: String
        let school: String
        let classes: [String]
        /// Whether this school lets the caller share notes (the manifest's `notes.share`).
        let canShare: Bool
    }

    /// Who the host says is calling, with their class names from cartable.directory/1.
    func me(_ request: PluginRequest) throws -> PluginResponse {
        let user = try request.requireUser()
        let classes = try request.directory.classes() ?? []
        return try .json(
            Me(
                id: user.id, name: user.displayName, profile: user.profile, school: user.schoolUAI, classes: classes.map(\.name),
                canShare: try request.access.isGranted("notes.share")))
    }

    struct EchoRequest: Decodable { let message: String }
    struct EchoReply: Encodable {
        let echo: String
        let plugin: String
    }

    /// A small JSON round trip, used to check and measure the path through the ABI.
    func echo(_ request: PluginRequest) throws -> PluginResponse {
        let input = try request.decode(EchoRequest.self)
        return try .json(EchoReply(echo: input.message, plugin: Self.id))
    }
}

/// Notes are personal data: the host exports them with the user's data and erases them
/// when a school admin anonymizes a departed user.
extension NotesPlugin: PersonalDataProvider {
    /// Every note of `userID` in the request's school, page after page.
    func all(of userID: String, _ request: PluginRequest) throws -> [Versioned<Note>] {
        try notes(request).all(StoreQuery().where("owner", .eq, .string(userID)).order(by: "updated", descending: true))
    }

    func exportPersonalData(of userID: String, request: PluginRequest) throws -> any Encodable {
        try all(of: userID, request).map(\.document)
    }

    func erasePersonalData(of userID: String, request: PluginRequest) throws {
        let doomed = try all(of: userID, request)
        guard !doomed.isEmpty else { return }
        try request.store.batch(doomed.map { .delete("notes", $0.id) })
    }
}
