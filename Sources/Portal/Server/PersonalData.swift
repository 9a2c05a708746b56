// PersonalData: a user's full export and a departed user's anonymization, host and plugins together.
import CartableText
import Foundation
import HostDomain
import HostStorage
import PluginRuntime

/// Runs the RGPD operations across the host and every plugin offering
/// `cartable.personal-data/1`, once per school the user belonged to. Blocking: run it on
/// the blocking pool.
struct PersonalData {
    let database: HostDatabase
    let plugins: [LoadedPlugin]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The schools a user belongs or belonged to: (id, UAI).
    private func schools(of userID: String) throws -> [(id: String, uai: String)] {
        try Directory(database: database).schoolsEver(userID: userID)
    }

    /// The whole export as pretty JSON: `{"host": …, "plugins": {"<id>": [{"school": "<UAI>", "data": …}]}}`.
    /// A plugin that fails shows `"error"` in its slot instead of data, so nothing is silently missing.
    func export(userID: String, address: String?, at date: Date = Date()) throws -> String {
        let host = try HostPersonalData.export(userID: userID, address: address, at: date, database: database)
        guard let host else { throw Failure(description: "no user \(userID)") }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let memberships = try schools(of: userID)
        var sections: [String] = []
        for plugin in plugins where plugin.offersPersonalData {
            var entries: [String] = []
            for school in memberships {
                let caller = PluginCaller(
                    userID: userID, displayName: host.account.displayName, profile: host.account.profile, schoolID: school.id,
                    schoolUAI: school.uai)
                let slot: String
                switch plugin.personalData(of: userID, caller: caller, erase: false) {
                case .unsupported: continue
                case .done(let json): slot = "\"data\": \(json)"
                case .failed(let message): slot = "\"error\": \(jsonStringLiteral(message))"
                }
                entries.append("{\"school\": \(jsonStringLiteral(school.uai)), \(slot)}")
            }
            sections.append("\(jsonStringLiteral(plugin.id)): [\(entries.joined(separator: ", "))]")
        }
        let hostJSON = String(decoding: try encoder.encode(host), as: UTF8.self)
        return
            "{\n\"exported_at\": \(jsonStringLiteral(date.formatted(.iso8601))),\n\"host\": \(hostJSON),\n\"plugins\": {\(sections.joined(separator: ",\n"))}\n}\n"
    }

    /// Erases the user's data in every plugin, then anonymizes the host's rows. A plugin
    /// failure stops before the host changes anything; plugins erase idempotently, so the
    /// admin can simply try again.
    func anonymize(userID: String, admin: PluginCaller?, rights: AdminRights?, address: String?) throws {
        if let rights {
            let allowed = try rights.administers(user: userID, database: database)
            guard allowed else { throw Anonymizer.Refusal(key: "admin.out_of_scope") }
        }
        for school in try schools(of: userID) {
            let caller = PluginCaller(
                userID: admin?.userID ?? "", displayName: admin?.displayName ?? "", profile: admin?.profile ?? "", schoolID: school.id,
                schoolUAI: school.uai)
            for plugin in plugins {
                if case .failed(let message) = plugin.personalData(of: userID, caller: caller, erase: true) {
                    throw Failure(description: "\(plugin.id) could not erase the data of school \(school.uai): \(message)")
                }
            }
        }
        try Anonymizer.anonymize(
            userID: userID, by: admin?.userID, rights: rights, schoolID: admin?.schoolID, address: address, database: database)
    }
}
