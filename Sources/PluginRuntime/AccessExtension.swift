// AccessExtension: the C table of `cartable.access/1` (granted actions, shares), confined to the request's plugin and school.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginAPI

/// `cartable.access/1`: each call finds its plugin through `host` and the caller and
/// school through `request`, then answers from the caller's actions or ``Shares``.
enum AccessExtension {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_access_v1_t> = {
        let table = UnsafeMutablePointer<cartable_access_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_access_v1_t(
                struct_size: UInt32(MemoryLayout<cartable_access_v1_t>.size), reserved: 0,
                is_granted: accessIsGranted, get_shares: accessGetShares, set_share: accessSetShare, revoke_share: accessRevokeShare,
                check: accessCheck, shared_with_me: accessSharedWithMe, right_of: accessRightOf))
        return table
    }()

    /// Runs `work` with the plugin's shares in the request's school; failures become a code and a message.
    static func call(
        _ host: UnsafePointer<cartable_host_t>?, _ request: UnsafePointer<cartable_request_t>?, _ out: UnsafePointer<cartable_sink_t>?,
        _ work: (Shares, PluginExchange) throws -> Int32
    ) -> Int32 {
        guard let context = PluginHostContext.from(host) else { return CARTABLE_E_INVALID }
        guard let request, let exchange = PluginExchange.from(request) else {
            out?.write("\(CARTABLE_EXT_ACCESS_1) needs the request being handled")
            return CARTABLE_E_INVALID
        }
        guard !exchange.pointee.scope.isEmpty else {
            out?.write("the caller has no school: shares exist only within a school")
            return CARTABLE_E_INVALID
        }
        let shares = Shares(database: context.store.database, pluginID: context.manifest.id, schoolID: exchange.pointee.scope)
        do {
            return try work(shares, exchange.pointee)
        } catch let refusal as AccessRefusal {
            out?.write(refusal.description)
            return CARTABLE_E_INVALID
        } catch {
            context.logger.error("access: \(error)")
            out?.write("shares could not be read or written: \(error)")
            return CARTABLE_E_INTERNAL
        }
    }

    static func right(_ level: Int32) throws -> Shares.Right {
        guard let right = Shares.Right(rawValue: level) else {
            throw AccessRefusal("right \(level) is not one of CARTABLE_RIGHT_READ (1) … CARTABLE_RIGHT_MANAGE (4)")
        }
        return right
    }

    static func json<Value: Encodable>(_ value: Value, _ out: UnsafePointer<cartable_sink_t>?) throws -> Int32 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return out?.write(String(decoding: try encoder.encode(value), as: UTF8.self)) ?? CARTABLE_E_INVALID
    }
}

private let accessIsGranted: @convention(c) (UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t) -> Int32 =
    {
        host, request, action in
        guard PluginHostContext.from(host) != nil, let request, let exchange = PluginExchange.from(request) else {
            return CARTABLE_E_INVALID
        }
        return exchange.pointee.callerActions.contains(action.string) ? 1 : 0
    }

private let accessGetShares:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, resource, out in
        AccessExtension.call(host, request, out) { shares, _ in try AccessExtension.json(shares.list(resource: resource.string), out) }
    }

private let accessSetShare:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, cartable_str_t, cartable_str_t, Int32,
        UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, resource, kind, target, level, out in
        AccessExtension.call(host, request, out) { shares, exchange in
            try shares.set(
                resource: resource.string, kind: kind.string, target: target.string, right: AccessExtension.right(level),
                by: exchange.callerID.isEmpty ? nil : exchange.callerID)
            return CARTABLE_OK
        }
    }

private let accessRevokeShare:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, cartable_str_t, cartable_str_t,
        UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, resource, kind, target, out in
        AccessExtension.call(host, request, out) { shares, exchange in
            try shares.revoke(
                resource: resource.string, kind: kind.string, target: target.string, by: exchange.callerID.isEmpty ? nil : exchange.callerID
            )
            return CARTABLE_OK
        }
    }

private let accessCheck:
    @convention(c) (UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, Int32) -> Int32 = {
        host, request, resource, level in
        AccessExtension.call(host, request, nil) { shares, exchange in
            guard !exchange.callerID.isEmpty else { return 0 }
            let held = try shares.right(of: exchange.viewer, on: resource.string)
            return try (held?.rawValue ?? 0) >= AccessExtension.right(level).rawValue ? 1 : 0
        }
    }

private let accessSharedWithMe:
    @convention(c) (UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, Int32, UnsafePointer<cartable_sink_t>?) -> Int32 =
        {
            host, request, level, out in
            AccessExtension.call(host, request, out) { shares, exchange in
                guard !exchange.callerID.isEmpty else { return try AccessExtension.json([String](), out) }
                return try AccessExtension.json(shares.resources(sharedWith: exchange.viewer, atLeast: AccessExtension.right(level)), out)
            }
        }

private let accessRightOf: @convention(c) (UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t) -> Int32 = {
    host, request, resource in
    AccessExtension.call(host, request, nil) { shares, exchange in
        guard !exchange.callerID.isEmpty else { return 0 }
        return try shares.right(of: exchange.viewer, on: resource.string)?.rawValue ?? 0
    }
}
