// DemoContentLedger: which plugins already created their sample content in which demo school, and the teacher they create it as.
import Foundation
import HostStorage

/// The `demo_content` rows, so that each plugin seeds each school once.
package struct DemoContentLedger: Sendable {
    let storage: any DemoContentStorage

    package init(storage: any DemoContentStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.demoContent)
    }

    package typealias Teacher = DemoTeacher

    /// Whether `pluginID` already created its sample content in `schoolID`.
    package func isSeeded(pluginID: String, schoolID: String) throws -> Bool {
        try storage.isSeeded(pluginID: pluginID, schoolID: schoolID)
    }

    /// Records that it did, so a restart does not seed twice.
    package func markSeeded(pluginID: String, schoolID: String, at date: Date = Date()) throws {
        try storage.markSeeded(pluginID: pluginID, schoolID: schoolID, at: date)
    }

    /// The teacher the plugin seeds as in `schoolID`, or nil when the school has none with classes.
    package func teacher(schoolID: String) throws -> Teacher? {
        try storage.teacher(schoolID: schoolID)
    }
}
