// ModuleVisits: remembers in memory who opened which app today, and writes it in batches for the usage counts.
import Foundation
import HostStorage
import Logging
import Synchronization

/// Recording a visit is a set insertion under a lock, so app requests stay fast; the set is
/// written (deduplicated) at most every `interval` seconds, off the request, and rows older
/// than 31 days are purged then. Visits of the last interval are lost if the process dies.
package final class ModuleVisits: Sendable {
    private struct Visit: Hashable {
        /// Days since 1970 (UTC): cheaper than a formatted date on every request.
        let day: Int
        let schoolID: String
        let pluginID: String
        let userID: String
    }

    private struct State {
        var pending: Set<Visit> = []
        var lastFlush = Date()
        var flushing = false
    }

    private let storage: any VisitsStorage
    private let interval: TimeInterval
    private let logger: Logger
    private let state = Mutex(State())

    package convenience init(database: HostDatabase, logger: Logger, interval: TimeInterval = 30) {
        self.init(storage: database.visits, logger: logger, interval: interval)
    }

    package init(storage: any VisitsStorage, logger: Logger, interval: TimeInterval = 30) {
        self.storage = storage
        self.logger = logger
        self.interval = interval
    }

    /// Notes that `userID` opened `pluginID` in `schoolID`; writes the batch when it is due.
    package func record(userID: String, schoolID: String, pluginID: String, at date: Date = Date()) {
        let visit = Visit(day: Int(date.timeIntervalSince1970 / 86_400), schoolID: schoolID, pluginID: pluginID, userID: userID)
        let due = state.withLock { state -> Set<Visit>? in
            state.pending.insert(visit)
            guard !state.flushing, date.timeIntervalSince(state.lastFlush) >= interval || state.pending.count >= 10_000 else { return nil }
            state.flushing = true
            state.lastFlush = date
            defer { state.pending = [] }
            return state.pending
        }
        guard let due else { return }
        Task.detached { [self] in
            do {
                try write(due)
            } catch {
                logger.warning("usage counts: \(due.count) visits not recorded: \(error)")
            }
            state.withLock { $0.flushing = false }
        }
    }

    /// Writes what is pending now (tests, shutdown).
    package func flush() throws {
        let due = state.withLock { state -> Set<Visit> in
            defer { state.pending = []; state.lastFlush = Date() }
            return state.pending
        }
        try write(due)
    }

    private func write(_ visits: Set<Visit>) throws {
        guard !visits.isEmpty else { return }
        // Usage counts the last 30 days: a day more is kept, older ones are forgotten.
        let today = Int(Date().timeIntervalSince1970 / 86_400)
        try storage.record(
            Set(visits.map { VisitRecord(day: Self.day($0.day), schoolID: $0.schoolID, pluginID: $0.pluginID, userID: $0.userID) }),
            forgetBefore: Self.day(today - 31))
    }

    /// `2026-11-23` for a day number.
    private static func day(_ number: Int) -> String {
        String(Date(timeIntervalSince1970: TimeInterval(number) * 86_400).formatted(.iso8601).prefix(10))
    }
}
