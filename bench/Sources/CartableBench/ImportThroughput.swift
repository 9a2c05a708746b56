// ImportThroughput: time to import 100,000 users from CSV into a fresh database, and to re-import them.
import Foundation
import HostDomain
import HostStorage

/// The directory import at regional scale: one school file of `users` lines (students in
/// classes of 30, a teacher per class, a parent per student), then the same file again.
struct ImportThroughput {
    let users: Int

    /// Into new SQLite files, or into `postgres` (a `postgres://` URL ending in a schema name;
    /// each run adds `_<run>` to it) when given: a warm-up import of 2,000 users, then `runs`
    /// imports in fresh databases, each followed by a re-import of the same file; medians.
    func measure(postgres: String? = nil, runs: Int = 3, into report: inout BenchReport) throws {
        let on = postgres == nil ? "" : " on PostgreSQL"
        _ = try Self.run(users: 2000, database: postgres.map { $0 + "_warmup" })
        var first: [Double] = [], second: [Double] = []
        for run in 1...runs {
            let (created, unchanged) = try Self.run(users: users, database: postgres.map { $0 + "_\(run)" })
            first.append(created)
            second.append(unchanged)
            print("  run \(run)\(on): \(String(format: "%.2f", created)) s new, \(String(format: "%.2f", unchanged)) s again")
        }
        first.sort()
        second.sort()
        let median = first[first.count / 2]
        report.add(
            "import of \(users) new users\(on), median of \(runs)", median, "s", spread: first[0]...first[first.count - 1], goal: .below(60)
        )
        report.add(
            "re-import of the same \(users) users\(on) (no change), median", second[second.count / 2], "s",
            spread: second[0]...second[second.count - 1])
        report.add("import rate, new users\(on)", Double(users) / median, "users/s")
    }

    /// One import of `users` new users into a fresh database (a new SQLite folder, or the PostgreSQL URL given), then again; seconds each.
    static func run(users: Int, database postgres: String?) throws -> (created: Double, unchanged: Double) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try postgres.map { try HostDatabase(postgres: $0) } ?? HostDatabase(directory: folder)
        defer { database.close() }
        let directory = Directory(database: database)
        let authority = try directory.createAuthority(name: "Région Bench")
        try directory.createSchool(uai: "0759999Z", name: "Lycée Bench", authority: authority)
        let csv = file(users: users)
        let importer = UserImport(database: database)
        let options = UserImport.Options(schoolUAI: "0759999Z")

        let first = ContinuousClock.now
        let created = try importer.run(csv, options: options)
        let firstSeconds = seconds(ContinuousClock.now - first)
        guard created.created.count == users else { throw BenchFailure("import created \(created.created.count) of \(users) users") }

        let second = ContinuousClock.now
        let again = try importer.run(csv, options: options)
        let secondSeconds = seconds(ContinuousClock.now - second)
        guard again.unchanged == users else { throw BenchFailure("re-import left \(again.unchanged) of \(users) unchanged") }
        return (firstSeconds, secondSeconds)
    }

    /// Students (2/3), their parents (1/3 of lines, one child each) and a teacher per 30 students.
    static func file(users: Int) -> Data {
        var text = "identifiant;nom;prénom;profil;classe;enfants\n"
        text.reserveCapacity(users * 48)
        let names = [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre", "Garnier",
        ]
        let firsts = ["Léa", "Hugo", "Chloé", "Louis", "Emma", "Gabriel", "Inès", "Raphaël", "Jade", "Arthur", "Zoé", "Noé"]
        var index = 0
        while index < users {
            let student = index
            let className = "C\(student / 30)"
            text += "S\(student);\(names[student % names.count]);\(firsts[student / names.count % firsts.count]);Élève;\(className);\n"
            index += 1
            if index < users {
                text += "P\(student);\(names[student % names.count]);Parent\(student % 7);Parent;;S\(student)\n"
                index += 1
            }
            if index < users, student % 30 == 0 {
                text += "T\(student);Prof\(student % 97);\(firsts[student % firsts.count]);Enseignant;\(className);\n"
                index += 1
            }
        }
        return Data(text.utf8)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
