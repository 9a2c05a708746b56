// PostgresStatementCounts: how many statements the host prepared on PostgreSQL and how many reads it sent by their text, for the page-path test.
import Synchronization

/// A read sent by its text is parsed and planned by the server each time (planning was most of
/// PostgreSQL's work on a page); a prepared one is planned a few times, then kept. A warm page
/// should do neither: the test of the page path reads both counts around it.
package final class PostgresStatementCounts: Sendable {
    private let preparedCount = Atomic<Int>(0)
    private let readsByTextCount = Atomic<Int>(0)

    /// Statements prepared on any connection since the engine opened.
    package var prepared: Int { preparedCount.load(ordering: .relaxed) }
    /// Reads with values sent unprepared (statements PostgreSQL cannot prepare, or values that do not fit their types).
    package var readsByText: Int { readsByTextCount.load(ordering: .relaxed) }

    func countPrepared() { preparedCount.add(1, ordering: .relaxed) }
    func countReadByText() { readsByTextCount.add(1, ordering: .relaxed) }
}
