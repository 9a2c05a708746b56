// Directory+Pilot: an authority marks a school as a pilot (it may try experimental apps) or ends the pilot.
import Foundation
import HostStorage

extension Directory {
    /// Sets the pilot flag of a school. Ending a pilot is refused while the school still has an
    /// experimental app enabled: the authority disables it (or picks a stable version) first.
    package func setPilot(schoolID: String, pilot: Bool, experimentalApps: Set<String>, by actor: String?) throws {
        let found = try database.enablement.setPilot(
            schoolID: schoolID, pilot: pilot,
            check: { uai, enabledPlugins in
                let experimental = enabledPlugins.filter { experimentalApps.contains($0) }
                guard pilot || experimental.isEmpty else {
                    throw AccessRefusal(key: "refusal.pilot_has_experimental", uai, experimental.joined(separator: ", "))
                }
            },
            audit: { uai in AuditEntry(action: pilot ? "school.pilot" : "school.unpilot", actor: actor, target: uai, school: schoolID) })
        guard found != nil else { throw AccessRefusal(key: "refusal.no_school", schoolID) }
    }
}
