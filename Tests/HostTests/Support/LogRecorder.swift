// LogRecorder: a log handler that keeps the lines a test wants to read back.
import Foundation
import Logging
import Synchronization

/// Collects log lines (level and message) from a logger made by ``logger``.
final class LogRecorder: Sendable {
    private let lines = Mutex<[(Logger.Level, String)]>([])

    var logger: Logger {
        Logger(label: "cartable-test") { _ in Handler(recorder: self) }
    }

    var messages: [(level: Logger.Level, message: String)] { lines.withLock { $0.map { ($0.0, $0.1) } } }

    func errors() -> [String] { messages.filter { $0.level >= .error }.map(\.message) }

    fileprivate func record(_ level: Logger.Level, _ message: String) {
        lines.withLock { $0.append((level, message)) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
            file: String, function: String, line: UInt
        ) {
            recorder.record(level, message.description)
        }
    }
}
