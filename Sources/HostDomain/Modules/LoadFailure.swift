// LoadFailure: why a file the host reads at start (a plugin bundle, the upstream providers) could not be used.

/// The reason a load step failed, before it is attached to what was being loaded.
package struct LoadFailure: Error, Sendable {
    package let reason: String
    package init(_ reason: String) { self.reason = reason }
}
