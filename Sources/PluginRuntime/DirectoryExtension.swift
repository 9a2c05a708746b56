// DirectoryExtension: the C table of `cartable.directory/1`, confined to the request's school.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginAPI

/// `cartable.directory/1`: each call finds the caller's school through the request and
/// answers from ``SchoolDirectory``, which sees nothing outside that school.
enum DirectoryExtension {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_directory_v1_t> = {
        let table = UnsafeMutablePointer<cartable_directory_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_directory_v1_t(
                struct_size: UInt32(MemoryLayout<cartable_directory_v1_t>.size), reserved: 0,
                user: directoryUser, class_members: directoryClassMembers, children_of: directoryChildrenOf, classes_of: directoryClassesOf,
                groups: directoryGroups))
        return table
    }()

    /// Resolves the school and the subject (`""` means the caller unless `emptyMeansCaller` is false), runs `lookUp` and
    /// writes its JSON, or "not found" when it answers nil.
    static func answer<Value: Encodable>(
        _ host: UnsafePointer<cartable_host_t>?, _ request: UnsafePointer<cartable_request_t>?, _ subject: cartable_str_t,
        _ out: UnsafePointer<cartable_sink_t>?, what: String, emptyMeansCaller: Bool = true,
        _ lookUp: (SchoolDirectory, String) throws -> Value?
    ) -> Int32 {
        guard let context = PluginHostContext.from(host), let out else { return CARTABLE_E_INVALID }
        guard let request, let exchange = PluginExchange.from(request) else {
            out.write("\(CARTABLE_EXT_DIRECTORY_1) needs the request being handled: outside a request there is no school")
            return CARTABLE_E_INVALID
        }
        let requested = subject.string
        let id = requested.isEmpty && emptyMeansCaller ? exchange.pointee.callerID : requested
        guard !id.isEmpty || !emptyMeansCaller else {
            out.write("no \(what) given and the caller is anonymous")
            return CARTABLE_E_INVALID
        }
        let directory = SchoolDirectory(database: context.store.database, schoolID: exchange.pointee.scope)
        do {
            guard let value = try lookUp(directory, id) else {
                out.write("no \(what) '\(id)' in the caller's school")
                return CARTABLE_E_NOT_FOUND
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return out.write(String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            context.logger.error("directory: \(error)")
            out.write("the directory could not be read: \(error)")
            return CARTABLE_E_INTERNAL
        }
    }
}

private let directoryUser:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, id, out in
        DirectoryExtension.answer(host, request, id, out, what: "user") { try $0.person($1) }
    }

private let directoryClassMembers:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, id, out in
        guard id.len > 0 else {
            out?.write("class_members needs a class id")
            return CARTABLE_E_INVALID
        }
        return DirectoryExtension.answer(host, request, id, out, what: "class") { try $0.classMembers($1) }
    }

private let directoryChildrenOf:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, id, out in
        DirectoryExtension.answer(host, request, id, out, what: "user") { try $0.children(of: $1) }
    }

private let directoryClassesOf:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, id, out in
        DirectoryExtension.answer(host, request, id, out, what: "user") { try $0.classes(of: $1) }
    }

private let directoryGroups:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, classID, out in
        DirectoryExtension.answer(host, request, classID, out, what: "class", emptyMeansCaller: false) { try $0.groups(classID: $1) }
    }
