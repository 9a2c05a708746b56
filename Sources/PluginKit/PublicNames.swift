// PublicNames: the Swift client of `cartable.public/1` (names for pages readable without logging in, under /pub/).
import CartableWire
import Foundation

/// Claims and releases the public names of the caller's school: a name claimed here makes
/// `/pub/<plugin id>/<name>[/…]` reach the plugin's public route `/pub/<name>[/…]`.
///
/// ```swift
/// guard try request.publicNames.claim(blog.slug) else { /* another school has it */ }
/// ```
public struct PublicNames {
    let host: UnsafePointer<cartable_host_t>
    let request: UnsafePointer<cartable_request_t>
    let table: UnsafePointer<cartable_public_v1_t>

    init(host: UnsafePointer<cartable_host_t>, request: UnsafePointer<cartable_request_t>) throws {
        self.table = try host.extensionTable(CARTABLE_EXT_PUBLIC_1, as: cartable_public_v1_t.self)
        self.host = host
        self.request = request
    }

    /// Whether a name is well formed: 1 to 100 of a-z, 0-9 and '-', no dash at either end.
    public static func isValid(_ name: String) -> Bool { isValidPublicName(name) }

    /// Claims `name` for the school: true when it is the school's, false when another school holds it.
    public func claim(_ name: String) throws -> Bool {
        do {
            _ = try hostCall { out in
                name.withCartableString { table.pointee.claim_name?(host, request, $0, out) ?? CARTABLE_E_UNSUPPORTED }
            }
            return true
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            return false
        }
    }

    /// Releases `name` if the school holds it; its public address then answers 404.
    public func release(_ name: String) throws {
        _ = try hostCall { out in name.withCartableString { table.pointee.release_name?(host, request, $0, out) ?? CARTABLE_E_UNSUPPORTED }
        }
    }
}
