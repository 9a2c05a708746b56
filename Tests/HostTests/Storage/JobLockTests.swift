// JobLockTests: a background job runs on one host at a time — on PostgreSQL a second host skips the round while the first holds the job.
import Foundation
import HostStorage
import Synchronization
import Testing

@Suite("Background jobs on several hosts")
struct JobLockTests {
    @Test func whileOneHostRunsAJobAnotherSkipsItAndRunsItOnceItIsFree() async throws {
        let (during, after, other) = try await onBlockingThread { () -> (Int?, Int?, Int?) in
            let url = try TestPostgres.newDatabaseURL()
            let first = try HostDatabase(postgres: url, poolSize: 2, migrate: false)
            let second = try HostDatabase(postgres: url, poolSize: 2, migrate: false)
            defer {
                first.close()
                second.close()
            }
            var during: Int?, other: Int?
            _ = try first.exclusively(job: "retention") {
                during = try second.exclusively(job: "retention") { 1 }
                // Another job is not held by this one.
                other = try second.exclusively(job: "digest") { 3 }
                return 0
            }
            return (during, try second.exclusively(job: "retention") { 2 }, other)
        }
        #expect(during == nil, "the second host skips the round while the first runs the job")
        #expect(after == 2, "and runs it once the first is done")
        #expect(other == 3, "each job has its own lock")
    }

    @Test func oneSQLiteProcessAlwaysRunsItsJobs() async throws {
        let ran = try await TestEngine.sqlite.withDatabase { database in try database.exclusively(job: "retention") { true } }
        #expect(ran == true)
    }
}
