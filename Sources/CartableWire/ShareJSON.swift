// ShareJSON: rights on a plugin's resource and the share list `cartable.access/1` answers with.
/// manage ⊃ contrib ⊃ comment ⊃ read; the raw value is the ABI's `level` argument.
public enum ShareRight: Int32, CaseIterable, Sendable, Codable, Comparable {
    case read = 1, comment, contrib, manage

    /// The right named `read`, `comment`, `contrib` or `manage`.
    public init?(name: String) {
        guard let right = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = right
    }

    /// The right's name in JSON and in the audit log.
    public var name: String {
        switch self {
        case .read: "read"
        case .comment: "comment"
        case .contrib: "contrib"
        case .manage: "manage"
        }
    }

    public static func < (left: ShareRight, right: ShareRight) -> Bool { left.rawValue < right.rawValue }
}

/// One share of a resource, as `get_shares` lists it: `{"kind": "user"|"group", "id": …, "right": "read"…}`.
public struct ShareEntry: Codable, Sendable, Equatable {
    /// `user` or `group`.
    public let kind: String
    public let id: String
    public let right: String

    public init(kind: String, id: String, right: ShareRight) {
        self.kind = kind
        self.id = id
        self.right = right.name
    }
}
