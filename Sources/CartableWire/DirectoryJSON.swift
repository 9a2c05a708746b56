// DirectoryJSON: the people, classes and groups `cartable.directory/1` answers with, one set of JSON keys for both sides.
/// A person of the caller's school, as the directory extension describes them.
public struct DirectoryPerson: Codable, Sendable, Equatable {
    public let id: String
    public let displayName: String
    /// `student`, `teacher`, `relative`, `personnel` or `guest`.
    public let profile: String

    public init(id: String, displayName: String, profile: String) {
        self.id = id
        self.displayName = displayName
        self.profile = profile
    }

    enum CodingKeys: String, CodingKey {
        case id, profile
        case displayName = "display_name"
    }
}

/// A class of the caller's school.
public struct DirectoryClass: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    public let level: String?

    public init(id: String, name: String, level: String?) {
        self.id = id
        self.name = name
        self.level = level
    }
}

/// A group of the school, the target of shares and event audiences: its profile groups,
/// each class's, and manual groups.
public struct DirectoryGroup: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    /// `profile` (everyone of a profile, in the school or in one class) or `manual`.
    public let kind: String
    public let profile: String?
    public let classID: String?

    public init(id: String, name: String, kind: String, profile: String?, classID: String?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.profile = profile
        self.classID = classID
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, profile
        case classID = "class_id"
    }
}
