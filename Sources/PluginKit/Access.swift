// Access: the Swift client of `cartable.access/1` (granted actions, shares of the plugin's resources).
import CartableText
import CartableWire
import Foundation

/// Actions granted to the caller and shares of this plugin's resources, within the
/// caller's current school. Valid only during the handler.
///
/// ```swift
/// try request.access.share("blog-\(id)", with: .group(classGroup), right: .contrib)
/// guard try request.access.check("blog-\(id)", .read) else { throw PluginError.denied("…") }
/// ```
public struct Access {
    /// manage ⊃ contrib ⊃ comment ⊃ read.
    public typealias Right = ShareRight

    /// Who a share is for: a user or a group of the current school.
    public enum Target: Sendable, Equatable {
        case user(String)
        case group(String)

        var parts: (kind: String, id: String) {
            switch self {
            case .user(let id): ("user", id)
            case .group(let id): ("group", id)
            }
        }
    }

    public struct Share: Sendable, Equatable {
        public let target: Target
        public let right: Right
    }

    let host: UnsafePointer<cartable_host_t>
    let request: UnsafePointer<cartable_request_t>
    let table: UnsafePointer<cartable_access_v1_t>

    init(host: UnsafePointer<cartable_host_t>, request: UnsafePointer<cartable_request_t>) throws {
        self.table = try host.extensionTable(CARTABLE_EXT_ACCESS_1, as: cartable_access_v1_t.self)
        self.host = host
        self.request = request
    }

    /// Whether the caller holds `action` in their school.
    public func isGranted(_ action: String) throws -> Bool {
        let code = action.withCartableString { table.pointee.is_granted?(host, request, $0) ?? CARTABLE_E_UNSUPPORTED }
        guard code >= 0 else { throw PluginError(code: code, message: "\(CARTABLE_EXT_ACCESS_1) could not check \(action)") }
        return code == 1
    }

    /// The highest right the caller holds on `resource`, or nil when none: one host call.
    public func right(on resource: String) throws -> Right? {
        let code = resource.withCartableString { table.pointee.right_of?(host, request, $0) ?? CARTABLE_E_UNSUPPORTED }
        guard code >= 0 else { throw PluginError(code: code, message: "\(CARTABLE_EXT_ACCESS_1) could not read the right on \(resource)") }
        return Right(rawValue: code)
    }

    /// Whether the caller holds at least `right` on `resource`.
    public func check(_ resource: String, _ right: Right) throws -> Bool {
        let code = resource.withCartableString { table.pointee.check?(host, request, $0, right.rawValue) ?? CARTABLE_E_UNSUPPORTED }
        guard code >= 0 else { throw PluginError(code: code, message: "\(CARTABLE_EXT_ACCESS_1) could not check \(resource)") }
        return code == 1
    }

    /// Gives `target` `right` on `resource` (replacing its previous right).
    public func share(_ resource: String, with target: Target, right: Right) throws {
        let (kind, id) = target.parts
        _ = try call { out in
            resource.withCartableString { r in
                kind.withCartableString { k in
                    id.withCartableString { i in
                        table.pointee.set_share?(host, request, r, k, i, right.rawValue, out) ?? CARTABLE_E_UNSUPPORTED
                    }
                }
            }
        }
    }

    /// Withdraws `target`'s share on `resource`.
    public func revoke(_ resource: String, from target: Target) throws {
        let (kind, id) = target.parts
        _ = try call { out in
            resource.withCartableString { r in
                kind.withCartableString { k in
                    id.withCartableString { i in
                        table.pointee.revoke_share?(host, request, r, k, i, out) ?? CARTABLE_E_UNSUPPORTED
                    }
                }
            }
        }
    }

    /// The shares of `resource`.
    public func shares(of resource: String) throws -> [Share] {
        let data = try call { out in
            resource.withCartableString { table.pointee.get_shares?(host, request, $0, out) ?? CARTABLE_E_UNSUPPORTED }
        }
        return try JSONValueDecoder().decode([ShareEntry].self, from: data).compactMap { raw in
            guard let right = Right(name: raw.right) else { return nil }
            return Share(target: raw.kind == "group" ? .group(raw.id) : .user(raw.id), right: right)
        }
    }

    /// This plugin's resources shared with the caller with at least `right`.
    public func sharedWithMe(atLeast right: Right = .read) throws -> [String] {
        let data = try call { out in table.pointee.shared_with_me?(host, request, right.rawValue, out) ?? CARTABLE_E_UNSUPPORTED }
        return try JSONValueDecoder().decode([String].self, from: data)
    }

    private func call(_ body: (UnsafePointer<cartable_sink_t>) -> Int32) throws -> Data {
        try hostCall(body)
    }
}
