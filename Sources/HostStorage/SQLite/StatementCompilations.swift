// StatementCompilations: how many statements SQLite compiled on one engine's connections, so a test can tell that a warm page compiles none.
import GRDB
import Synchronization

/// Counts the first use of each SQL text on each connection (the engine keeps every text
/// compiled after that) and every text run uncompiled (several statements at once). Counted
/// in debug builds only: release builds skip the bookkeeping.
package final class StatementCompilations: Sendable {
    private let seen = Mutex<[ObjectIdentifier: Set<String>]>([:])
    private let count = Atomic<Int>(0)

    /// Statements compiled since the engine opened.
    package var total: Int { count.load(ordering: .relaxed) }

    /// A connection was opened (perhaps where a closed one was): nothing is compiled on it yet.
    func opened(_ db: Database) {
        #if DEBUG
        seen.withLock { $0[ObjectIdentifier(db)] = [] }
        #endif
    }

    /// `sql` is about to run kept compiled on `db`.
    func kept(_ sql: String, on db: Database) {
        #if DEBUG
        let isNew = seen.withLock { $0[ObjectIdentifier(db), default: []].insert(sql).inserted }
        if isNew { count.add(1, ordering: .relaxed) }
        #endif
    }

    /// `sql` is compiled for one run.
    func once() {
        #if DEBUG
        count.add(1, ordering: .relaxed)
        #endif
    }
}
