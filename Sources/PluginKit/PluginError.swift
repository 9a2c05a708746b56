// PluginError: an error a handler throws to answer with a status and a message.
import CartableWire

/// Thrown by a handler (or the store client) to answer with an error status and a message.
///
/// ```swift
/// guard let note = try notes.get(id) else { throw PluginError.notFound("no note \(id)") }
/// ```
/// Any other error thrown by a handler becomes a 500 with its description.
public struct PluginError: Error, CustomStringConvertible, Sendable {
    /// A `CARTABLE_E_*` code (negative).
    public let code: Int32
    public let message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The HTTP status the host answers with for this error's code (the wire module's one table).
    public var httpStatus: Int { ABIStatus.httpStatus(for: code) }

    /// 400: the request is malformed.
    public static func invalid(_ message: String) -> PluginError { .init(code: CARTABLE_E_INVALID, message: message) }
    /// 404: no such thing.
    public static func notFound(_ message: String) -> PluginError { .init(code: CARTABLE_E_NOT_FOUND, message: message) }
    /// 409: someone changed it first.
    public static func conflict(_ message: String) -> PluginError { .init(code: CARTABLE_E_CONFLICT, message: message) }
    /// 403: not allowed.
    public static func denied(_ message: String) -> PluginError { .init(code: CARTABLE_E_DENIED, message: message) }
    /// 413: too large.
    public static func tooLarge(_ message: String) -> PluginError { .init(code: CARTABLE_E_TOO_LARGE, message: message) }
    /// 500: a failure on the plugin's side.
    public static func `internal`(_ message: String) -> PluginError { .init(code: CARTABLE_E_INTERNAL, message: message) }
}
