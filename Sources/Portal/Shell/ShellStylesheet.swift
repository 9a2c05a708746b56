// ShellStylesheet: the portal's one stylesheet, read from the target's resources and served under a name that changes with its content.
import CartableText
import Crypto
import Foundation

/// `Shell/Assets/portal.css`, loaded once. Its URL carries the first hex digits of its
/// SHA-256 (`/assets/portal-1a2b3c4d5e6f.css`), so browsers keep it for a year and a new
/// version is a new URL; the shell's CSP allows it as `'self'`, with no inline style.
package struct ShellStylesheet: Sendable {
    package let css: String
    /// Where pages link it.
    package let path: String

    package static let shared = ShellStylesheet()

    init() {
        let url = Bundle.module.url(forResource: "portal", withExtension: "css", subdirectory: "Assets")
        // The file ships with the binary (SwiftPM's resource bundle); without it the shell is unstyled, not broken.
        css = url.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        let digest = hexString(SHA256.hash(data: Data(css.utf8)))
        path = "/assets/portal-\(digest.prefix(12)).css"
    }
}
