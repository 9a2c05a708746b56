// EventsStorage: what the events concern stores — emitted events, their recipients' timelines, their deliveries to listening plugins.
import Foundation

/// An event ready to be stored: checked by the domain, its audience not yet expanded.
package struct NewEventRecord: Sendable, Equatable {
    package var pluginID: String
    package var schoolID: String
    package var type: String
    package var actorID: String?
    package var link: String
    package var resource: String?
    /// JSON object text of string params.
    package var params: String
    /// The users and groups named as audience; stored as given, expanded to recipients.
    package var users: [String]
    package var groups: [String]
    /// An idempotency key: a second event of the plugin with the same key is not stored.
    package var key: String?
    package var createdAt: Date

    package init(
        pluginID: String, schoolID: String, type: String, actorID: String?, link: String, resource: String?, params: String,
        users: [String], groups: [String], key: String?, createdAt: Date
    ) {
        self.pluginID = pluginID
        self.schoolID = schoolID
        self.type = type
        self.actorID = actorID
        self.link = link
        self.resource = resource
        self.params = params
        self.users = users
        self.groups = groups
        self.key = key
        self.createdAt = createdAt
    }
}

/// Why an audience cannot be stored: it names someone or a group outside the event's school.
package enum EventAudienceError: Error, Equatable {
    /// A user who never belonged to the school (a former member is simply no recipient).
    case notAMember(String)
    case unknownGroup(String)
}

/// A delivery claimed by one pass, with the event it carries.
package struct DueDelivery: Sendable, Equatable {
    package let eventID: Int64
    /// The listening plugin.
    package let pluginID: String
    package let attempts: Int
    /// The plugin that emitted the event.
    package let emitter: String
    package let schoolID: String
    package let type: String
    package let actorID: String?
    package let link: String
    package let resource: String?
    /// JSON texts, as stored.
    package let params: String
    package let audience: String
    package let createdAt: String

    package init(
        eventID: Int64, pluginID: String, attempts: Int, emitter: String, schoolID: String, type: String, actorID: String?, link: String,
        resource: String?, params: String, audience: String, createdAt: String
    ) {
        self.eventID = eventID
        self.pluginID = pluginID
        self.attempts = attempts
        self.emitter = emitter
        self.schoolID = schoolID
        self.type = type
        self.actorID = actorID
        self.link = link
        self.resource = resource
        self.params = params
        self.audience = audience
        self.createdAt = createdAt
    }
}

/// One line of a user's timeline, as stored.
package struct TimelineRecord: Sendable, Equatable {
    package let eventID: Int64
    package let pluginID: String
    package let type: String
    package let actorID: String?
    package let actorName: String?
    /// Whether the actor uploaded a picture (else their initials stand in).
    package let actorHasAvatar: Bool
    package let link: String
    /// JSON object text.
    package let params: String
    package let createdAt: String
    package let isRead: Bool

    package init(
        eventID: Int64, pluginID: String, type: String, actorID: String?, actorName: String?, actorHasAvatar: Bool,
        link: String, params: String, createdAt: String, isRead: Bool
    ) {
        self.eventID = eventID
        self.pluginID = pluginID
        self.type = type
        self.actorID = actorID
        self.actorName = actorName
        self.actorHasAvatar = actorHasAvatar
        self.link = link
        self.params = params
        self.createdAt = createdAt
        self.isRead = isRead
    }
}

/// Events, timelines and deliveries. Every function is one transaction; a read sees one snapshot.
package protocol EventsStorage: Sendable {
    /// Stores the event, one timeline row per current member of its audience (`actorID`
    /// excepted) and one pending delivery per subscriber, due `record.createdAt`. With a
    /// key already used by the plugin, stores nothing and returns the first event's id.
    func store(_ record: NewEventRecord, subscribers: Set<String>) throws -> Int64

    /// Claims up to `limit` deliveries due at `now`, in event order, by pushing each one's
    /// next attempt `lease` seconds away, so another pass or another host does not run it too.
    func claimDue(now: Date, limit: Int, lease: TimeInterval) throws -> [DueDelivery]

    /// Records a delivery as done at `at`; `note` says why it was skipped, when it was.
    func markDelivered(eventID: Int64, pluginID: String, at: Date, note: String?) throws

    /// Records a failed attempt: the count of attempts, when to try again, what went wrong.
    func scheduleRetry(eventID: Int64, pluginID: String, attempts: Int, next: Date, error: String) throws

    /// A page of the viewer's timeline in `schoolID`, newest first, older than `before`: only
    /// events of `plugins`, and of a shared resource only while a share still reaches the viewer.
    func timeline(viewer: ShareViewer, schoolID: String, plugins: [String], before: Int64?, limit: Int) throws -> [TimelineRecord]

    /// How many of those timeline rows are unread.
    func unreadCount(viewer: ShareViewer, schoolID: String, plugins: [String]) throws -> Int

    /// Adds to the user's timelines, in every school they belong to, the events created since
    /// `since` that were addressed to a group they belong to now but reached them not (they
    /// joined the group, the class or the school afterwards; their own events excepted).
    /// Rows already there, read or not, stay as they are. Returns how many were added.
    func catchUp(userID: String, since: Date) throws -> Int

    /// Marks one timeline row (or, with nil, all of the school's) read at `at`.
    func markRead(userID: String, schoolID: String, eventID: Int64?, at: Date) throws

    /// Takes the event `pluginID` emitted in `schoolID` under `key` off every timeline, and out
    /// of the groups a newcomer catches up on; its deliveries stay. Returns how many timeline
    /// rows it removed (0 for an unknown key).
    func settle(pluginID: String, schoolID: String, key: String) throws -> Int
}
