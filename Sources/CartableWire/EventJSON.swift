// EventJSON: an event as a plugin emits it (`cartable.events/1`) and as a listener receives it (`cartable.event-listener/1`).
/// Who sees an event on their timeline: users and groups of the event's school.
public struct EventAudience: Codable, Sendable, Equatable {
    public var users: [String]
    public var groups: [String]

    public init(users: [String] = [], groups: [String] = []) {
        self.users = users
        self.groups = groups
    }

    /// Either list may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        users = try container.decodeIfPresent([String].self, forKey: .users) ?? []
        groups = try container.decodeIfPresent([String].self, forKey: .groups) ?? []
    }

    enum CodingKeys: String, CodingKey { case users, groups }
}

/// What `emit` receives: `{"type", "audience", "link", "resource"?, "params", "key"?}`. The
/// host checks every field against its limits before anything is stored.
public struct EmittedEvent: Codable, Sendable, Equatable {
    public var type: String
    public var audience: EventAudience
    /// A local path into the emitting plugin (`/apps/<id>/…`).
    public var link: String
    public var resource: String?
    public var params: [String: String]
    /// An idempotency key: emitting twice with one key stores one event.
    public var key: String?

    public init(
        type: String, audience: EventAudience, link: String, resource: String? = nil, params: [String: String] = [:], key: String? = nil
    ) {
        self.type = type
        self.audience = audience
        self.link = link
        self.resource = resource
        self.params = params
        self.key = key
    }

    /// `audience` and `params` may be left out (nobody, no params).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        audience = try container.decodeIfPresent(EventAudience.self, forKey: .audience) ?? EventAudience()
        link = try container.decode(String.self, forKey: .link)
        resource = try container.decodeIfPresent(String.self, forKey: .resource)
        params = try container.decodeIfPresent([String: String].self, forKey: .params) ?? [:]
        key = try container.decodeIfPresent(String.self, forKey: .key)
    }

    enum CodingKeys: String, CodingKey { case type, audience, link, resource, params, key }
}

/// An event delivered to a plugin that listens. `actor_id` and `resource` are JSON null when absent.
public struct ReceivedEvent: Codable, Sendable, Equatable {
    /// Stable across deliveries: handle each id once.
    public let id: String
    public let type: String
    /// The id of the plugin that emitted it.
    public let plugin: String
    public let schoolID: String
    public let actorID: String?
    public let link: String
    public let resource: String?
    public let params: [String: String]
    public let audience: EventAudience
    /// When it was emitted, ISO 8601.
    public let at: String

    public init(
        id: String, type: String, plugin: String, schoolID: String, actorID: String?, link: String, resource: String?,
        params: [String: String], audience: EventAudience, at: String
    ) {
        self.id = id
        self.type = type
        self.plugin = plugin
        self.schoolID = schoolID
        self.actorID = actorID
        self.link = link
        self.resource = resource
        self.params = params
        self.audience = audience
        self.at = at
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decode(String.self, forKey: .type)
        plugin = try container.decode(String.self, forKey: .plugin)
        schoolID = try container.decode(String.self, forKey: .schoolID)
        actorID = try container.decodeIfPresent(String.self, forKey: .actorID)
        link = try container.decode(String.self, forKey: .link)
        resource = try container.decodeIfPresent(String.self, forKey: .resource)
        params = try container.decodeIfPresent([String: String].self, forKey: .params) ?? [:]
        audience = try container.decodeIfPresent(EventAudience.self, forKey: .audience) ?? EventAudience()
        at = try container.decode(String.self, forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(plugin, forKey: .plugin)
        try container.encode(schoolID, forKey: .schoolID)
        try container.encode(actorID, forKey: .actorID)
        try container.encode(link, forKey: .link)
        try container.encode(resource, forKey: .resource)
        try container.encode(params, forKey: .params)
        try container.encode(audience, forKey: .audience)
        try container.encode(at, forKey: .at)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, plugin, link, resource, params, audience, at
        case schoolID = "school_id"
        case actorID = "actor_id"
    }
}
