// PublicExtension: the C table of `cartable.public/1` — a plugin claims or releases a public name for the request's school.
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginAPI

enum PublicExtension {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_public_v1_t> = {
        let table = UnsafeMutablePointer<cartable_public_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_public_v1_t(
                struct_size: UInt32(MemoryLayout<cartable_public_v1_t>.size), reserved: 0, claim_name: publicClaim,
                release_name: publicRelease))
        return table
    }()

    /// Runs `work` with the public names, the plugin id, the school and the user of a logged-in request.
    static func call(
        _ host: UnsafePointer<cartable_host_t>?, _ request: UnsafePointer<cartable_request_t>?, _ out: UnsafePointer<cartable_sink_t>?,
        _ work: (PublicNames, _ plugin: String, _ school: String, _ user: String) throws -> Int32
    ) -> Int32 {
        guard let context = PluginHostContext.from(host) else { return CARTABLE_E_INVALID }
        guard let request, let exchange = PluginExchange.from(request) else {
            out?.write("\(CARTABLE_EXT_PUBLIC_1) needs the request being handled")
            return CARTABLE_E_INVALID
        }
        guard !exchange.pointee.scope.isEmpty, !exchange.pointee.callerID.isEmpty else {
            out?.write("only a logged-in user in a school claims or releases public names")
            return CARTABLE_E_INVALID
        }
        do {
            return try work(
                PublicNames(database: context.store.database), context.manifest.id, exchange.pointee.scope, exchange.pointee.callerID)
        } catch let refusal as AccessRefusal {
            out?.write(refusal.description)
            return CARTABLE_E_INVALID
        } catch {
            context.logger.error("public names: \(error)")
            out?.write("public names could not be read or written: \(error)")
            return CARTABLE_E_INTERNAL
        }
    }
}

private let publicClaim:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, name, out in
        PublicExtension.call(host, request, out) { names, plugin, school, user in
            switch try names.claim(name.string, plugin: plugin, school: school, by: user) {
            case .claimed: return CARTABLE_OK
            case .takenByAnotherSchool:
                out?.write("the public name '\(name.string)' is already used by another school: choose another")
                return CARTABLE_E_CONFLICT
            }
        }
    }

private let publicRelease:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, name, out in
        PublicExtension.call(host, request, out) { names, plugin, school, user in
            try names.release(name.string, plugin: plugin, school: school, by: user)
            return CARTABLE_OK
        }
    }
