// SchoolDirectory: the Swift client of `cartable.directory/1` (people and classes of the caller's school).
import CartableText
import CartableWire
import Foundation

/// People and classes of the caller's current school. Anything outside that school reads
/// as absent (nil), exactly like something that does not exist.
///
/// ```swift
/// for pupil in try request.directory.classMembers(classID) ?? [] { … }
/// ```
public struct SchoolDirectory {
    public typealias Person = DirectoryPerson
    public typealias SchoolClass = DirectoryClass
    /// A group of the school, the target of shares and event audiences.
    public typealias Group = DirectoryGroup

    let host: UnsafePointer<cartable_host_t>
    let request: UnsafePointer<cartable_request_t>
    let table: UnsafePointer<cartable_directory_v1_t>

    init(host: UnsafePointer<cartable_host_t>, request: UnsafePointer<cartable_request_t>) throws {
        self.table = try host.extensionTable(CARTABLE_EXT_DIRECTORY_1, as: cartable_directory_v1_t.self)
        self.host = host
        self.request = request
    }

    /// A person of the school, or nil.
    public func user(_ id: String) throws -> Person? {
        try look(table.pointee.user, id)
    }

    /// The members of a class of the school, or nil when the class is not one of its classes.
    public func classMembers(_ classID: String) throws -> [Person]? {
        try look(table.pointee.class_members, classID)
    }

    /// The children of a parent (the caller when `parentID` is nil) who belong to the school.
    public func children(of parentID: String? = nil) throws -> [Person]? {
        try look(table.pointee.children_of, parentID ?? "")
    }

    /// A person's classes (the caller's when `userID` is nil) in the school.
    public func classes(of userID: String? = nil) throws -> [SchoolClass]? {
        try look(table.pointee.classes_of, userID ?? "")
    }

    /// The school's groups, or one class's (nil for a class of another school).
    public func groups(ofClass classID: String? = nil) throws -> [Group]? {
        try look(table.pointee.groups, classID ?? "")
    }

    private typealias LookUp =
        @convention(c) (
            UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
        ) -> Int32

    private func look<Value: Decodable>(_ function: LookUp?, _ id: String) throws -> Value? {
        guard let function else {
            throw PluginError(code: CARTABLE_E_UNSUPPORTED, message: "\(CARTABLE_EXT_DIRECTORY_1) lacks this look-up")
        }
        let data: Data
        do {
            data = try hostCall { out in id.withCartableString { function(host, request, $0, out) } }
        } catch let error as PluginError where error.code == CARTABLE_E_NOT_FOUND {
            return nil
        }
        do {
            return try JSONValueDecoder().decode(Value.self, from: data)
        } catch {
            throw PluginError.internal("\(CARTABLE_EXT_DIRECTORY_1) answered something unexpected: \(error)")
        }
    }
}
