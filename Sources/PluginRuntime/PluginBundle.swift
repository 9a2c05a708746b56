// PluginBundle: one installed plugin version on disk (`<plugins>/<id>/<version>/`), found by scanning.
import Foundation
import HostDomain

/// A bundle folder holding `manifest.json`, the library, `assets/` and `locales/`.
package struct PluginBundle: Sendable {
    package let folder: URL
    package let manifest: PluginManifest

    package var libraryURL: URL { folder.appendingPathComponent(manifest.library.file) }
    package var assetsURL: URL { folder.appendingPathComponent("assets", isDirectory: true) }
    package var localesURL: URL { folder.appendingPathComponent("locales", isDirectory: true) }
}

/// Lists bundle folders under a plugins folder without reading any library.
package enum PluginBundleScanner {
    /// Every `<id>/<version>/` folder that holds a `manifest.json`, sorted by path.
    package static func bundleFolders(in root: URL) -> [URL] {
        let files = FileManager.default
        guard let ids = try? files.contentsOfDirectory(at: root, includingPropertiesForKeys: nil) else { return [] }
        var folders: [URL] = []
        for idFolder in ids where isDirectory(idFolder) {
            let versions = (try? files.contentsOfDirectory(at: idFolder, includingPropertiesForKeys: nil)) ?? []
            for versionFolder in versions where isDirectory(versionFolder) {
                if files.fileExists(atPath: versionFolder.appendingPathComponent("manifest.json").path) {
                    folders.append(versionFolder)
                }
            }
        }
        return folders.sorted { $0.path < $1.path }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}
