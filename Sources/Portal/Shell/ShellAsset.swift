// ShellAsset: the shell's own files (its stylesheet, its icon), read from the target's resources and served under names that change with their content.
import CartableText
import Crypto
import Foundation

/// A file of `Shell/Assets`, loaded once. Its URL carries the first hex digits of its SHA-256
/// (`/assets/portal-1a2b3c4d5e6f.css`), so browsers keep it for a year and a new version is a
/// new URL; the shell's CSP allows it as `'self'`.
package struct ShellAsset: Sendable {
    package let body: String
    /// Where pages link it.
    package let path: String
    package let contentType: String

    /// The portal's one stylesheet: no page has inline styles but the theme's hashed one.
    package static let stylesheet = ShellAsset(name: "portal", extension: "css", contentType: "text/css; charset=utf-8")
    /// The icon of tabs and bookmarks.
    package static let icon = ShellAsset(name: "icon", extension: "svg", contentType: "image/svg+xml")

    init(name: String, extension fileExtension: String, contentType: String) {
        let url = Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "Assets")
        // The file ships with the binary (SwiftPM's resource bundle); without it the shell lacks it, and still works.
        body = url.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        let digest = hexString(SHA256.hash(data: Data(body.utf8)))
        path = "/assets/\(name)-\(digest.prefix(12)).\(fileExtension)"
        self.contentType = contentType
    }
}
