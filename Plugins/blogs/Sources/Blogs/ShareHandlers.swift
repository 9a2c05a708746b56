// ShareHandlers: managers give groups and people of the school a right on a blog, or withdraw it.
import Foundation
import PluginKit

extension BlogsPlugin {
    func sharesPage(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        return try sharesResponse(access, request, error: nil, status: 200)
    }

    func sharesResponse(_ access: BlogAccess, _ request: PluginRequest, error: String?, status: Int32) throws -> PluginResponse {
        let directory = try request.directory
        let groups = try directory.groups() ?? []
        let groupNames = Dictionary(groups.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = try request.access.shares(of: access.resource).map { share -> SharePages.Row in
            switch share.target {
            case .group(let id):
                return .init(kind: "group", id: id, name: groupNames[id] ?? id, right: share.right, locked: false)
            case .user(let id):
                let name = try directory.user(id)?.displayName ?? request.localized("post.former_member")
                return .init(kind: "user", id: id, name: name, right: share.right, locked: id == access.document.owner)
            }
        }
        // People are looked for only once something is typed: a school of 1,000 pupils is never one list.
        let query = String((request.query["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(60))
        var people: [String: SchoolDirectory.Person] = [:]
        if query.count >= SharePages.minimumQuery {
            for classID in Set(groups.compactMap(\.classID)).sorted() {
                for person in try directory.classMembers(classID) ?? []
                where person.id != request.user?.id && SharePages.matches(person.displayName, query) {
                    people[person.id] = person
                }
            }
        }
        let html = SharePages(kit: PageKit(request: request)).page(
            access, rows: rows, groups: groups, people: people.values.sorted { $0.displayName < $1.displayName }, query: query,
            error: error)
        return .html(html, title: request.localized("title.shares"), breadcrumbs: Self.crumbs(access, request), status: status)
    }

    /// `target` is "group:<id>" or "user:<id>".
    static func shareTarget(_ text: String) -> Access.Target? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "group": return .group(parts[1])
        case "user": return .user(parts[1])
        default: return nil
        }
    }

    func addShare(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        let form = request.form
        guard let target = Self.shareTarget(form["target"] ?? ""), let right = BlogAccess.right(named: form["right"] ?? "") else {
            return try sharesResponse(access, request, error: "error.share_invalid", status: 400)
        }
        if target == .user(access.document.owner) { return try sharesResponse(access, request, error: "error.owner_share", status: 400) }
        do {
            try request.access.share(access.resource, with: target, right: right)
        } catch let error as PluginError where error.code == CARTABLE_E_INVALID {
            // Not a user or group of this school.
            return try sharesResponse(access, request, error: "error.share_invalid", status: 400)
        }
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/shares")
    }

    func removeShare(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        let form = request.form
        guard let target = Self.shareTarget("\(form["kind"] ?? ""):\(form["target"] ?? "")") else {
            return try sharesResponse(access, request, error: "error.share_invalid", status: 400)
        }
        if target == .user(access.document.owner) { return try sharesResponse(access, request, error: "error.owner_share", status: 400) }
        try request.access.revoke(access.resource, from: target)
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/shares")
    }
}
