// ImportReport: what an import created, updated, moved and detached (or would, in a dry run).
/// The outcome of an import, listed per user so a dry run can be reviewed line by line.
package struct ImportReport: Sendable {
    package struct Entry: Sendable, Equatable {
        package let externalID: String
        package let login: String
        package let name: String
        /// For moves: `4e A → 4e B`.
        package let detail: String?
    }

    package var dryRun = false
    package var created: [Entry] = []
    package var updated: [Entry] = []
    package var moved: [Entry] = []
    package var detached: [Entry] = []
    /// People the file would change who also belong to a school outside the import's reach: left as they are.
    package var kept: [Entry] = []
    package var unchanged = 0
    package var classesCreated: [String] = []

    /// A text summary, with every entry when `detailed`.
    package func summary(detailed: Bool) -> String {
        var lines = [
            (dryRun ? "dry run, nothing written: " : "")
                + "\(created.count) created, \(updated.count) updated, \(moved.count) moved, \(detached.count) detached, \(unchanged) unchanged"
                + (classesCreated.isEmpty ? "" : ", classes created: \(classesCreated.joined(separator: ", "))")
                + (kept.isEmpty ? "" : ", \(kept.count) kept as they are (also in another school)")
        ]
        if detailed {
            for (title, entries) in [("create", created), ("update", updated), ("move", moved), ("detach", detached), ("keep", kept)] {
                for entry in entries {
                    lines.append("  \(title) \(entry.externalID) \(entry.login) (\(entry.name))\(entry.detail.map { ": \($0)" } ?? "")")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
