// PublicNames: which school holds each public name a plugin claimed, for its pages under /pub/.
import CartableText
import Foundation
import GRDB
import HostStorage

/// Backs `cartable.public/1`: a plugin's public names are unique across the platform,
/// and each belongs to one school until released.
package struct PublicNames: Sendable {
    package enum Claim: Equatable, Sendable {
        case claimed
        case takenByAnotherSchool
    }

    let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    package func claim(_ name: String, plugin: String, school: String, by actor: String?) throws -> Claim {
        guard isValidPublicName(name) else {
            throw AccessRefusal(
                "'\(name)' is not a public name: use 1 to 100 characters among a-z, 0-9 and '-', not starting or ending with '-'")
        }
        return try database.pool.write { db in
            if let holder = try String.fetchOne(
                db, sql: "SELECT school_id FROM public_names WHERE plugin_id = ? AND name = ?", arguments: [plugin, name])
            {
                return holder == school ? .claimed : .takenByAnotherSchool
            }
            try db.execute(
                sql: "INSERT INTO public_names (plugin_id, name, school_id, claimed_at) VALUES (?, ?, ?, ?)",
                arguments: [plugin, name, school, Date().formatted(.iso8601)])
            try AuditLog.record(
                db, at: Date(), action: "public.claim", actor: actor, target: "\(plugin):\(name)", detail: nil, school: school)
            return .claimed
        }
    }

    package func release(_ name: String, plugin: String, school: String, by actor: String?) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM public_names WHERE plugin_id = ? AND name = ? AND school_id = ?", arguments: [plugin, name, school])
            if db.changesCount > 0 {
                try AuditLog.record(
                    db, at: Date(), action: "public.release", actor: actor, target: "\(plugin):\(name)", detail: nil, school: school)
            }
        }
    }

    /// The school holding `name` for `plugin`, or nil.
    package func school(holding name: String, plugin: String) throws -> String? {
        try database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT school_id FROM public_names WHERE plugin_id = ? AND name = ?", arguments: [plugin, name])
        }
    }
}
