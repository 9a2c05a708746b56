// PluginUser: the logged-in caller as the request context tells a plugin (ABI 1.1).
import CartableWire
/// Who calls the plugin. The host has already checked the session; every look-up and
/// the store are confined to ``schoolID``.
public struct PluginUser: Sendable, Equatable {
    /// Opaque, stable user id.
    public let id: String
    public let displayName: String
    /// `Student`, `Teacher`, `Relative`, `Personnel` or `Guest`.
    public let profile: String
    /// The caller's current school (opaque id), empty when they have none.
    public let schoolID: String
    /// The current school's UAI code, e.g. `0750001A`.
    public let schoolUAI: String
    /// The caller's classes in the current school.
    public let classIDs: [String]
    /// For a parent: the child they look at in this school; nil otherwise.
    public let childInView: String?
    /// The actions the caller holds in the current school (`blogs.create`…).
    public let actions: Set<String>

    /// The context size of ABI 1.1, which ends with `child_id`; computed once.
    private static let contextSizeSince11 = MemoryLayout<cartable_request_context_t>.size

    /// Reads the identity fields of a context, or nil for an anonymous caller or a host older than ABI 1.1.
    init?(context: UnsafePointer<cartable_request_context_t>?) {
        guard let context else { return nil }
        guard Int(context.pointee.struct_size) >= Self.contextSizeSince11 else { return nil }
        let raw = context.pointee
        guard raw.user_id.len > 0 else { return nil }
        id = raw.user_id.string
        displayName = raw.user_display_name.string
        profile = raw.user_profile.string
        schoolID = raw.school_id.string
        schoolUAI = raw.school_uai.string
        if let list = raw.class_ids {
            classIDs = (0..<Int(raw.class_count)).map { list[$0].string }
        } else {
            classIDs = []
        }
        childInView = raw.child_id.len > 0 ? raw.child_id.string : nil
        if let list = raw.actions {
            actions = Set((0..<Int(raw.action_count)).map { list[$0].string })
        } else {
            actions = []
        }
    }

    /// Whether the caller holds `action` in the current school.
    public func isGranted(_ action: String) -> Bool { actions.contains(action) }

    public init(
        id: String, displayName: String, profile: String, schoolID: String, schoolUAI: String, classIDs: [String], childInView: String?,
        actions: Set<String> = []
    ) {
        self.id = id
        self.displayName = displayName
        self.profile = profile
        self.schoolID = schoolID
        self.schoolUAI = schoolUAI
        self.classIDs = classIDs
        self.childInView = childInView
        self.actions = actions
    }
}
