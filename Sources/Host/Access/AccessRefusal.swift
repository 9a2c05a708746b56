// AccessRefusal: why an access change (role, grant, share, enablement) was refused, in one sentence.
/// Thrown before anything is written; the message names what is wrong and is shown to the admin or the plugin.
package struct AccessRefusal: Error, CustomStringConvertible, Equatable {
    package let description: String

    package init(_ description: String) {
        self.description = description
    }
}
