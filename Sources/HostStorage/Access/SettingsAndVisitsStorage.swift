// SettingsAndVisitsStorage: what admin-set plugin settings and the daily app visits store.
import Foundation

/// One user's visit of one app in one school on one day (`2026-11-23`).
package struct VisitRecord: Sendable, Hashable {
    package let day: String
    package let schoolID: String
    package let pluginID: String
    package let userID: String

    package init(day: String, schoolID: String, pluginID: String, userID: String) {
        self.day = day
        self.schoolID = schoolID
        self.pluginID = pluginID
        self.userID = userID
    }
}

package protocol PluginSettingsStorage: Sendable {
    /// The settings (a JSON object's text) set for `plugin` in `scope` (`""`: the platform, `authority:<id>`), or nil.
    func settings(plugin: String, scope: String) throws -> String?
    /// Replaces them, with `audit`.
    func setSettings(plugin: String, scope: String, json: String, at: Date, audit: AuditEntry) throws
}

package protocol VisitsStorage: Sendable {
    /// Records visits (each once) and forgets the days before `forgetBefore`.
    func record(_ visits: Set<VisitRecord>, forgetBefore: String) throws
}
