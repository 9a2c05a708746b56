// BlockingWorkPoolTests: plugin calls run inline only within the budget; a blocked call never stops the others.
import Dispatch
import PluginRuntime
import Testing

@Suite("Blocking work pool")
struct BlockingWorkPoolTests {
    @Test func callsBeyondTheInlineBudgetRunOnTheBlockingPool() async throws {
        let pool = BlockingWorkPool(inlineLimit: 1)
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let blocked = Task {
            await pool.run {
                started.signal(); gate.wait(); return 1
            }
        }
        started.wait()
        #expect(pool.callsRunningInline == 1, "the first call took the inline budget")
        // The budget is used: these calls must not run inline, and must finish while the first is blocked.
        let second = Task { await pool.run { pool.callsRunningInline } }
        #expect(await second.value == 1, "the second call ran beside the blocked one, not inline")
        async let many = withTaskGroup(of: Int.self) { group in
            for index in 0..<20 { group.addTask { await pool.run { index } } }
            return await group.reduce(0, +)
        }
        #expect(await many == 190)
        gate.signal()
        #expect(await blocked.value == 1)
        #expect(pool.callsRunningInline == 0)
    }

    @Test func aZeroBudgetAlwaysHops() async {
        let pool = BlockingWorkPool(inlineLimit: 0)
        let seen = await pool.run { pool.callsRunningInline }
        #expect(seen == 0)
        #expect(await pool.run { 42 } == 42)
    }
}
