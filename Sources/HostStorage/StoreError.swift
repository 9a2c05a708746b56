// StoreError: why a document store call failed, with a message the caller can act on.
/// A store failure: its kind maps onto a `CARTABLE_E_*` code, its message goes to the plugin.
package struct StoreError: Error, CustomStringConvertible, Equatable {
    package enum Kind: Sendable, Equatable {
        case invalid, notFound, conflict, denied, tooLarge, `internal`
    }

    package let kind: Kind
    package let message: String

    package var description: String { message }

    package static func invalid(_ message: String) -> StoreError { .init(kind: .invalid, message: message) }
    package static func notFound(_ message: String) -> StoreError { .init(kind: .notFound, message: message) }
    package static func conflict(_ message: String) -> StoreError { .init(kind: .conflict, message: message) }
    package static func denied(_ message: String) -> StoreError { .init(kind: .denied, message: message) }
    package static func tooLarge(_ message: String) -> StoreError { .init(kind: .tooLarge, message: message) }
    package static func `internal`(_ message: String) -> StoreError { .init(kind: .internal, message: message) }
}
