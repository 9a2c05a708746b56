// Portal+DemoContent: asks each plugin offering `cartable.demo/1` to create its sample content in every demo school, once.
import Foundation
import HostDomain
import HostStorage
import Logging
import PluginRuntime

extension Portal {
    /// For each school and each plugin it enables that offers demo content and has not
    /// seeded it there yet: calls the plugin as the school's best-connected teacher. Failures are logged and retried at the next start; returns
    /// the (plugin, school UAI) pairs seeded now.
    @discardableResult
    package func seedDemoContent() async throws -> [(plugin: String, school: String)] {
        try await blocking.run { Result { try self.seedDemoContentNow() } }.get()
    }

    private func seedDemoContentNow() throws -> [(plugin: String, school: String)] {
        let schools = try directory.schools().sorted { $0.uai < $1.uai }, ledger = DemoContentLedger(database: database)
        var seeded: [(plugin: String, school: String)] = []
        for school in schools {
            let schoolID = school.id, uai = school.uai
            for served in plugins.serving {
                guard let plugin = try plugin(id: served.id, schoolID: schoolID), plugin.offersDemoContent else { continue }
                let done = try ledger.isSeeded(pluginID: plugin.id, schoolID: schoolID)
                guard !done, let teacher = try demoTeacher(ledger, schoolID: schoolID, uai: uai) else { continue }
                if let failure = plugin.seedDemoContent(as: teacher) {
                    logger.error("demo content of \(plugin.id) for \(uai): \(failure)")
                    continue
                }
                try ledger.markSeeded(pluginID: plugin.id, schoolID: schoolID)
                seeded.append((plugin.id, uai))
            }
        }
        return seeded
    }

    /// The school's best-connected teacher as the caller of the plugins' seed.
    private func demoTeacher(_ ledger: DemoContentLedger, schoolID: String, uai: String) throws -> PluginCaller? {
        try ledger.teacher(schoolID: schoolID).map { teacher in
            PluginCaller(
                userID: teacher.userID, displayName: teacher.displayName, profile: "Teacher", schoolID: schoolID, schoolUAI: uai,
                classIDs: teacher.classIDs, actions: teacher.actions)
        }
    }
}
