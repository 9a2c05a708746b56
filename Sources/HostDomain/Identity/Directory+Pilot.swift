// Directory+Pilot: an authority marks a school as a pilot (it may try experimental apps) or ends the pilot.
import Foundation
import GRDB
import HostStorage

extension Directory {
    /// Sets the pilot flag of a school. Ending a pilot is refused while the school still has an
    /// experimental app enabled: the authority disables it (or picks a stable version) first.
    package func setPilot(schoolID: String, pilot: Bool, experimentalApps: Set<String>, by actor: String?) throws {
        try database.pool.write { db in
            guard let uai = try String.fetchOne(db, sql: "SELECT uai FROM schools WHERE id = ?", arguments: [schoolID]) else {
                throw AccessRefusal(key: "refusal.no_school", schoolID)
            }
            if !pilot, !experimentalApps.isEmpty {
                let enabled = try String.fetchAll(
                    db, sql: "SELECT plugin_id FROM plugin_enablement WHERE school_id = ? ORDER BY plugin_id", arguments: [schoolID]
                )
                .filter { experimentalApps.contains($0) }
                guard enabled.isEmpty else {
                    throw AccessRefusal(key: "refusal.pilot_has_experimental", uai, enabled.joined(separator: ", "))
                }
            }
            try db.execute(sql: "UPDATE schools SET pilot = ? WHERE id = ?", arguments: [pilot, schoolID])
            if db.changesCount > 0 {
                // Which version "latest" serves depends on the flag: every host reloads its module table.
                try db.execute(sql: "UPDATE enablement_version SET version = version + 1 WHERE id = 1")
                try AuditLog.record(
                    db, at: Date(), action: pilot ? "school.pilot" : "school.unpilot", actor: actor, target: uai, school: schoolID)
            }
        }
    }
}
