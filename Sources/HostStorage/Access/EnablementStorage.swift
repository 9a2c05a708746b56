// EnablementStorage: what per-school enablement stores — which plugin (and version) each school runs, and the default roles it seeds.
import Foundation

/// A school as enabling a plugin sees it.
package struct EnablementSchool: Sendable, Equatable {
    package let id: String
    package let uai: String
    package let isPilot: Bool

    package init(id: String, uai: String, isPilot: Bool) {
        self.id = id
        self.uai = uai
        self.isPilot = isPilot
    }
}

/// A role a plugin's manifest grants by default to a profile of every school that enables it.
package struct DefaultRole: Sendable, Equatable {
    /// `Notes (Student)`: one role per plugin and profile, created once per school.
    package let name: String
    package let profile: String
    package let actions: [String]

    package init(name: String, profile: String, actions: [String]) {
        self.name = name
        self.profile = profile
        self.actions = actions
    }
}

/// Everything the in-memory module table is built from, as of one enablement version.
package struct EnablementSnapshot: Sendable {
    package let version: Int
    /// School, plugin and chosen version (nil: the latest).
    package let rows: [(schoolID: String, pluginID: String, version: String?)]
    package let pilotSchools: [String]

    package init(version: Int, rows: [(schoolID: String, pluginID: String, version: String?)], pilotSchools: [String]) {
        self.version = version
        self.rows = rows
        self.pilotSchools = pilotSchools
    }
}

package protocol EnablementStorage: Sendable {
    /// In one transaction: reads `schoolIDs` (all must exist), lets `check` refuse them
    /// (it throws and nothing is stored), then records `version` of `pluginID` for each,
    /// creates or extends its `defaultRoles` (granted to the school's profile group when
    /// created), records `audit(schoolID)` and moves the enablement version.
    func enable(
        pluginID: String, version: String?, schoolIDs: [String], defaultRoles: [DefaultRole], at: Date,
        check: ([EnablementSchool]) throws -> Void, audit: (String) -> AuditEntry
    ) throws
    /// Removes the plugin from `schoolIDs` (its documents and roles stay), with `audit(schoolID)` where it was enabled.
    func disable(pluginID: String, schoolIDs: [String], audit: (String) -> AuditEntry) throws
    /// Sets a school's pilot flag in one transaction: `check` sees its UAI and enabled plugins
    /// and may refuse by throwing; a change moves the enablement version (which version
    /// "latest" serves depends on the flag) and records `audit(uai)`. Returns nil for no such school.
    func setPilot(
        schoolID: String, pilot: Bool, check: (_ uai: String, _ enabledPlugins: [String]) throws -> Void, audit: (String) -> AuditEntry
    ) throws -> Bool?
    /// The enablement of every school, unless the stored version is still `known`.
    func snapshot(unlessVersion known: Int) throws -> EnablementSnapshot?
}
