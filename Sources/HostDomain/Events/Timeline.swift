// Timeline: a user's notifications in a school — newest first, paged, read or unread, only about what they can still read.
import CartableText
import Foundation
import HostStorage

/// An event shows to a recipient while its plugin is enabled for the school (the caller
/// passes those plugins) and, when it names a shared resource, while the recipient (or one
/// of their groups; a parent's through the child in view) still holds a share on it.
package struct Timeline: Sendable {
    package struct Entry: Sendable, Equatable {
        package let id: Int64
        package let pluginID: String
        package let type: String
        package let actorID: String?
        package let actorName: String?
        package let actorHasAvatar: Bool
        package let link: String
        package let params: [String: String]
        package let at: String
        package let isRead: Bool
    }

    package static let pageSize = 20
    /// How far back a login catches up on what was addressed to the user's groups.
    package static let catchUpWindow: TimeInterval = 14 * 86_400

    let storage: any EventsStorage

    package init(storage: any EventsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.events)
    }

    /// A page of entries older than `before` (nil: the newest).
    package func page(
        viewer: ShareViewer, schoolID: String, plugins: [String], before: Int64? = nil, limit: Int = pageSize
    ) throws -> [Entry] {
        try storage.timeline(viewer: viewer, schoolID: schoolID, plugins: plugins, before: before, limit: limit).map { record in
            let params = (try? JSONValueDecoder().decode([String: String].self, from: Data(record.params.utf8))) ?? [:]
            return Entry(
                id: record.eventID, pluginID: record.pluginID, type: record.type, actorID: record.actorID, actorName: record.actorName,
                actorHasAvatar: record.actorHasAvatar, link: record.link,
                params: params, at: record.createdAt, isRead: record.isRead)
        }
    }

    /// How many visible entries are unread.
    package func unreadCount(viewer: ShareViewer, schoolID: String, plugins: [String]) throws -> Int {
        try storage.unreadCount(viewer: viewer, schoolID: schoolID, plugins: plugins)
    }

    /// At login: the events of the last ``catchUpWindow`` addressed to a group the user
    /// belongs to now (a newcomer's class, a pupil who changed class) join their timelines, unread.
    @discardableResult
    package func catchUp(userID: String, now: Date = Date()) throws -> Int {
        try storage.catchUp(userID: userID, since: now.addingTimeInterval(-Self.catchUpWindow))
    }

    /// Marks one entry (or, with nil, all of the school's entries) read for the user.
    package func markRead(userID: String, schoolID: String, eventID: Int64?) throws {
        try storage.markRead(userID: userID, schoolID: schoolID, eventID: eventID, at: Date())
    }
}
