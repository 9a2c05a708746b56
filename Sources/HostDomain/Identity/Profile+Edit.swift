// Profile+Edit: a user's own profile — display name, motto, and which fields others may see.
import Foundation
import HostLocales
import HostStorage

/// The editable part of a user's profile.
package struct OwnProfile: Sendable, Equatable {
    package var login: String
    package var displayName: String
    package var motto: String
    /// `fr`, `en`, or nil to follow the browser.
    package var language: String?
    package var showEmail: Bool
    package var showBirthDate: Bool
    package var showMotto: Bool

    package static func load(userID: String, database: HostDatabase) throws -> OwnProfile? {
        try database.ownProfiles.ownProfile(userID: userID).map {
            OwnProfile(
                login: $0.login, displayName: $0.displayName, motto: $0.motto ?? "", language: $0.language, showEmail: $0.showEmail,
                showBirthDate: $0.showBirthDate, showMotto: $0.showMotto)
        }
    }

    /// The locale key of the first invalid field, or nil.
    package func violation() -> String? {
        if displayName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "profile.name_required" }
        if displayName.count > 100 { return "profile.name_too_long" }
        if motto.count > 200 { return "profile.motto_too_long" }
        if let language, !Localizer.supported.contains(language) { return "profile.language_unknown" }
        return nil
    }

    /// Saves the editable fields (the login never changes here) and audits it.
    package func save(userID: String, database: HostDatabase, at date: Date = Date()) throws {
        let fields = OwnProfileFields(
            login: login, displayName: displayName.trimmingCharacters(in: .whitespacesAndNewlines), motto: motto.isEmpty ? nil : motto,
            language: language, showEmail: showEmail, showBirthDate: showBirthDate, showMotto: showMotto)
        try database.ownProfiles.saveOwnProfile(
            fields, userID: userID, at: date, audit: AuditEntry(at: date, action: "profile.update", actor: userID))
    }
}
