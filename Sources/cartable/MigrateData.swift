// MigrateData: `cartable migrate-data --from data/ --to postgres://…` copies an SQLite portal into an empty PostgreSQL database and checks the copy.
import ArgumentParser
import Foundation
import HostStorage

struct MigrateData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Copy an SQLite portal (its data folder) into an empty PostgreSQL database, then compare both table by table.")

    @Option(help: "The SQLite portal's data folder (the one of serve --data).")
    var from: String

    @Option(help: "The PostgreSQL database: postgres://user[:password]@host[:port]/db (see serve --database).")
    var to: String

    func run() async throws {
        let folder = URL(fileURLWithPath: from, isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("cartable.sqlite").path) else {
            throw ValidationError("--from \(from): no cartable.sqlite there; name the folder serve --data uses")
        }
        let source = try HostDatabase(directory: folder)
        let target = try HostDatabase(postgres: to)
        defer { target.close() }
        let reports: [DatabaseCopy.TableReport]
        do {
            reports = try DatabaseCopy(from: source, to: target).run { table, rows in
                FileHandle.standardError.write(Data("copied \(table): \(rows) rows\n".utf8))
            }
        } catch let error as StoreError {
            throw ValidationError("nothing was copied: \(error.message)")
        }
        for report in reports {
            let verdict = report.matches ? "ok" : "DIFFERS (source \(report.sourceRows) rows \(report.sourceChecksum.prefix(12)))"
            print("\(report.table): \(report.targetRows) rows, checksum \(report.targetChecksum.prefix(12)) \(verdict)")
        }
        let bad = reports.filter { !$0.matches }
        guard bad.isEmpty else {
            throw ValidationError("the copy differs in \(bad.map(\.table).joined(separator: ", ")): do not switch to it")
        }
        print(
            "copied \(reports.reduce(0) { $0 + $1.targetRows }) rows in \(reports.count) tables from \(source.location) to \(target.location)"
        )
    }
}
