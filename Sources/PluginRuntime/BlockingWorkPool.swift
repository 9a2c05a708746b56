// BlockingWorkPool: where blocking work runs (plugin calls, database reads, password hashing) — inline within a budget, else on a blocking pool.
import Dispatch
import Foundation
import Synchronization

/// Plugin `handle` calls are synchronous and may block on the store. They never run on a
/// NIO event loop: request handlers already run on Swift's cooperative pool, and a plugin
/// call runs either right there, while fewer than `inlineLimit` plugin calls occupy that
/// pool, or on Dispatch's global pool, which adds threads when workers block.
///
/// The default limit (cores − 1) keeps at least one cooperative thread free of plugin
/// code, so a plugin blocked on a write lock never stalls the portal; `0` always hops.
/// `make bench` measures both.
package final class BlockingWorkPool: Sendable {
    package let inlineLimit: Int
    private let inlineCalls = Atomic<Int>(0)
    private let queue = DispatchQueue.global(qos: .userInitiated)

    /// The default inline budget for this machine: one cooperative thread always stays free.
    package static var defaultInlineLimit: Int {
        max(0, ProcessInfo.processInfo.activeProcessorCount - 1)
    }

    package init(inlineLimit: Int = BlockingWorkPool.defaultInlineLimit) {
        self.inlineLimit = max(0, inlineLimit)
    }

    /// Plugin calls running inline right now.
    package var callsRunningInline: Int { inlineCalls.load(ordering: .acquiring) }

    /// Runs `work` and returns its result, inline if the budget allows, else on the blocking pool.
    package func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        if inlineLimit > 0 {
            let running = inlineCalls.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
            if running <= inlineLimit {
                defer { inlineCalls.wrappingSubtract(1, ordering: .acquiringAndReleasing) }
                return work()
            }
            inlineCalls.wrappingSubtract(1, ordering: .acquiringAndReleasing)
        }
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// Runs `work` on the blocking pool and waits for it at most `deadline`: its result, or nil
    /// when it had not finished by then. Late work still runs to its end (a plugin call cannot
    /// be interrupted); its result is dropped. Never inline, so a slow call holds no cooperative thread.
    package func run<T: Sendable>(deadline: Duration, _ work: @escaping @Sendable () -> T) async -> T? {
        let first = FirstAnswer<T?>()
        return await withCheckedContinuation { continuation in
            first.wait(with: continuation)
            let timer = Task {
                guard (try? await Task.sleep(for: deadline)) != nil else { return }
                first.answer(nil)
            }
            // An answer in time stops the timer: nothing keeps sleeping for the deadline's rest.
            queue.async {
                first.answer(work())
                timer.cancel()
            }
        }
    }
}

/// Hands the first of several answers to a waiting continuation, and ignores the others.
private final class FirstAnswer<T: Sendable>: Sendable {
    private let waiting = Mutex<CheckedContinuation<T, Never>?>(nil)

    func wait(with continuation: CheckedContinuation<T, Never>) {
        waiting.withLock { $0 = continuation }
    }

    func answer(_ value: T) {
        waiting.withLock { continuation in
            continuation?.resume(returning: value)
            continuation = nil
        }
    }
}
