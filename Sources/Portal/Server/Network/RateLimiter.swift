// RateLimiter: at most N events per key over a sliding window, in this process's memory (device codes asked per address and per client).
import Foundation
import Synchronization

/// Counts recent events per key. A process-local limit: with several hosts each counts its
/// own share, which keeps any one address or client from filling the tables through one host.
package final class RateLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let recent = Mutex<[String: [TimeInterval]]>([:])

    package init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an event for `key` and returns nil, or the seconds to wait when the key is over its limit (nothing recorded then).
    package func attempt(_ key: String, now: Date = Date()) -> Int? {
        let time = now.timeIntervalSince1970
        return recent.withLock { recent in
            if recent.count > 10_000 { recent = recent.filter { $0.value.last.map { $0 > time - window } ?? false } }
            var times = (recent[key] ?? []).filter { $0 > time - window }
            defer { recent[key] = times }
            guard times.count < limit else { return max(1, Int((times[times.count - limit] + window - time).rounded(.up))) }
            times.append(time)
            return nil
        }
    }
}
