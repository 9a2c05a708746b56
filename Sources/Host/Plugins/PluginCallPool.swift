// PluginCallPool: runs blocking plugin calls off the event loop, on threads made for blocking work.
import Dispatch

/// Plugin `handle` calls are synchronous and may block on the store, so they never run on
/// a NIO event loop. They run on Dispatch's global pool, which adds threads when workers
/// block; `make bench` measures what the hop costs.
package struct PluginCallPool: Sendable {
    private let queue: DispatchQueue

    package init(qos: DispatchQoS.QoSClass = .userInitiated) {
        queue = DispatchQueue.global(qos: qos)
    }

    /// Runs `work` on the pool and resumes the caller with its result.
    package func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
