// TestPaths: where the repository, the built plugins and scratch folders are during tests.
import Foundation

enum TestPaths {
    /// The repository root (this file is Tests/HostTests/Support/TestPaths.swift).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Bundles built by `make plugins`.
    static var builtPlugins: URL {
        if let path = ProcessInfo.processInfo.environment["CARTABLE_PLUGINS_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return repository.appendingPathComponent(".build/plugins", isDirectory: true)
    }

    static let abiInclude = repository.appendingPathComponent("Sources/PluginAPI/include")
    static let probeSource = repository.appendingPathComponent("Tests/Fixtures/probe-plugin/probe.c")

    /// A new empty folder under the system's temporary folder.
    static func scratch(_ name: String = "cartable-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs a program and returns its output; throws with its stderr when it fails.
@discardableResult
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ProcessFailure(
            command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus,
            output: String(decoding: outData + errData, as: UTF8.self))
    }
    return String(decoding: outData, as: UTF8.self)
}

struct ProcessFailure: Error, CustomStringConvertible {
    let command: String
    let status: Int32
    let output: String
    var description: String { "\(command) exited with \(status): \(output)" }
}
