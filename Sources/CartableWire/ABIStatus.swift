// ABIStatus: the one table between the ABI's CARTABLE_E_* codes and HTTP statuses.
import PluginAPI

/// How a negative ABI code reads as an HTTP status, on both sides of the boundary: the host
/// answers a failed plugin call with it, PluginKit documents its errors with it.
public enum ABIStatus {
    /// The codes and their statuses; any other negative code is a 500.
    public static let table: [(code: Int32, status: Int)] = [
        (CARTABLE_E_INVALID, 400),
        (CARTABLE_E_DENIED, 403),
        (CARTABLE_E_NOT_FOUND, 404),
        (CARTABLE_E_CONFLICT, 409),
        (CARTABLE_E_TOO_LARGE, 413),
        (CARTABLE_E_UNSUPPORTED, 501),
        (CARTABLE_E_INTERNAL, 500),
    ]

    /// The HTTP status of a failure code: 500 for a code the table does not know.
    public static func httpStatus(for code: Int32) -> Int {
        table.first { $0.code == code }?.status ?? 500
    }
}
