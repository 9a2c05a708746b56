// Themes: each authority's look (logo, colours) from the themes folder's themes.json, checked for contrast at start.
import Foundation
import HostDomain
import HostStorage
import Synchronization

/// `themes.json` maps an authority (its name or id) to a theme:
///
/// ```json
/// {"Région Démo": {"logo": "region-demo.svg", "primary": "#1d3557", "accent": "#f4a261"}}
/// ```
/// `primary` is the header's background (white text on it must reach 4.5:1), `accent` the
/// focus ring; `logo` is a file of the same folder, served at `/themes/<file>`. A bad file
/// stops the portal at start with the reason.
package final class Themes: Sendable {
    package struct Theme: Sendable, Equatable, Decodable {
        package let logo: String?
        package let primary: String
        package let accent: String
    }

    package let folder: URL?
    private let byKey: [String: Theme]
    /// Authority id → name, read when an id is first met (authorities are rarely added).
    private let names = Mutex<[String: String]>([:])

    package static let none = Themes(folder: nil, byKey: [:])

    /// Every theme of the file (their inline styles' hashes go into the pages' CSP).
    package var all: [Theme] { Array(byKey.values) }

    private init(folder: URL?, byKey: [String: Theme]) {
        self.folder = folder
        self.byKey = byKey
    }

    /// Reads and checks `<folder>/themes.json`.
    package static func load(folder: URL) throws -> Themes {
        let file = folder.appendingPathComponent("themes.json")
        let data: Data
        do { data = try Data(contentsOf: file) } catch { throw ThemeError("cannot read \(file.path): \(error.localizedDescription)") }
        let themes: [String: Theme]
        do { themes = try JSONDecoder().decode([String: Theme].self, from: data) } catch {
            throw ThemeError(
                "\(file.path) is not {\"<authority>\": {\"logo\": \"file.svg\", \"primary\": \"#rrggbb\", \"accent\": \"#rrggbb\"}}: \(error)"
            )
        }
        for (authority, theme) in themes {
            for (name, colour) in [("primary", theme.primary), ("accent", theme.accent)] where rgb(colour) == nil {
                throw ThemeError("theme of \(authority): \(name) '\(colour)' is not a #rrggbb colour")
            }
            if let ratio = contrast(theme.primary, "#ffffff"), ratio < 4.5 {
                throw ThemeError(
                    "theme of \(authority): white text on \(theme.primary) has a contrast of \(String(format: "%.2f", ratio)):1, below 4.5:1; pick a darker primary"
                )
            }
            if let logo = theme.logo {
                guard isFileName(logo), FileManager.default.fileExists(atPath: folder.appendingPathComponent(logo).path) else {
                    throw ThemeError("theme of \(authority): logo '\(logo)' is not a file of \(folder.path)")
                }
            }
        }
        return Themes(folder: folder, byKey: themes)
    }

    /// The theme of the authority `id`, matched by id or by name.
    package func theme(authorityID id: String, _ directory: Directory) -> Theme? {
        guard !byKey.isEmpty else { return nil }
        if let theme = byKey[id] { return theme }
        let name =
            names.withLock { $0[id] }
            ?? {
                let name = (try? directory.authorityName(id: id)) ?? nil
                if let name { names.withLock { $0[id] = name } }
                return name
            }()
        return name.flatMap { byKey[$0] }
    }

    /// Whether `file` is a logo some theme names (only those are served).
    package func servesLogo(_ file: String) -> Bool {
        byKey.values.contains { $0.logo == file }
    }

    static func isFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
    }

    static func rgb(_ colour: String) -> (Double, Double, Double)? {
        guard colour.count == 7, colour.hasPrefix("#"), let value = Int(colour.dropFirst(), radix: 16) else { return nil }
        return (Double((value >> 16) & 0xFF) / 255, Double((value >> 8) & 0xFF) / 255, Double(value & 0xFF) / 255)
    }

    /// WCAG 2 contrast ratio of two colours.
    static func contrast(_ first: String, _ second: String) -> Double? {
        guard let one = rgb(first), let two = rgb(second) else { return nil }
        func luminance(_ c: (Double, Double, Double)) -> Double {
            let channel = { (v: Double) in v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
            return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        }
        let (a, b) = (luminance(one), luminance(two))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

package struct ThemeError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}
