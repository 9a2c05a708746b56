// AttemptThrottle: failed attempts counted per kind and key (an account, an address, a user typing device codes), with delays that double.
import Foundation
import HostStorage

/// Counts failures in `login_failures` over a sliding ``window``. The first `free` ones cost
/// nothing; past them, each new attempt must wait a delay that doubles with every further
/// failure (5, 10, 20, 40 seconds) up to ``longestDelay`` after the latest one. An attempt during
/// the delay is refused without being checked, and is not counted.
package struct AttemptThrottle: Sendable {
    let storage: any LoginFailuresStorage
    package var window: TimeInterval = 15 * 60
    package var longestDelay: TimeInterval = 60
    /// The first delay, doubled at each further failure.
    package var firstDelay: TimeInterval = 5

    package init(storage: any LoginFailuresStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.loginFailures)
    }

    /// Seconds to wait after the latest of `failures` failures.
    package func delay(afterFailures failures: Int, free: Int) -> TimeInterval {
        guard failures >= free else { return 0 }
        return min(longestDelay, firstDelay * pow(2, Double(min(failures - free, 30))))
    }

    /// How long an attempt for each (kind, key, free) must still wait at `date`; 0 when it may go.
    package func wait(_ counters: [(kind: String, key: String, free: Int)], at date: Date) throws -> TimeInterval {
        let since = date.timeIntervalSince1970 - window
        var wait = 0.0
        for counter in counters {
            let failures = try storage.failureTimes(kind: counter.kind, key: counter.key, since: since)
            guard failures.count >= counter.free, let latest = failures.last else { continue }
            wait = max(wait, latest + delay(afterFailures: failures.count, free: counter.free) - date.timeIntervalSince1970)
        }
        return wait
    }

    /// A wait as the whole seconds a `Retry-After` tells (at least 1).
    package static func retryAfter(_ wait: TimeInterval) -> Int {
        max(1, Int(wait.rounded(.up)))
    }

    /// Records one failure under each (kind, key), in a transaction of its own.
    package func recordFailure(_ keys: [(kind: String, key: String)], at date: Date) throws {
        try storage.recordFailures(keys, at: date)
    }
}
