// AccessReportsStorage: what the console reads about schools — their classes, groups and roles, and how much each app is used.
/// Usage of one app in one school.
package struct UsageFigures: Sendable, Equatable {
    package var documents = 0
    /// Distinct users who opened the app in the last 30 days.
    package var users = 0

    package init(documents: Int = 0, users: Int = 0) {
        self.documents = documents
        self.users = users
    }
}

package protocol AccessReportsStorage: Sendable {
    /// The school's classes with their sizes, groups with their manual members, roles with their actions and grants, in one read.
    func schoolOverview(schoolID: String) throws -> SchoolOverview
    /// Documents stored and distinct recent users of each of `pluginIDs` in each of `schoolIDs`, by school then plugin.
    func usage(schoolIDs: [String], pluginIDs: [String]) throws -> [String: [String: UsageFigures]]
}
