// PluginAssets: serves a bundle's static files at /apps/<id>/assets/…, refusing paths that escape.
import Foundation
import Hummingbird

/// Static files of a plugin bundle's `assets/` folder.
struct PluginAssets {
    enum Failure: Error {
        case escapes
        case notFound
    }

    static let contentTypes: [String: String] = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "json": "application/json",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "ico": "image/x-icon", "woff2": "font/woff2", "txt": "text/plain; charset=utf-8",
        "html": "text/html; charset=utf-8",
    ]

    /// The file for a percent-encoded path below `assets/`, if it stays inside the folder.
    static func resolve(_ encodedPath: Substring, in folder: URL) throws(Failure) -> URL {
        var components: [String] = []
        for raw in encodedPath.split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = String(raw).removingPercentEncoding else { throw .escapes }
            if segment.isEmpty { continue }
            guard segment != "..", segment != ".", !segment.contains("/"), !segment.contains("\\"), !segment.contains("\0") else {
                throw .escapes
            }
            components.append(segment)
        }
        guard !components.isEmpty else { throw .notFound }
        let root = folder.resolvingSymlinksInPath().standardizedFileURL
        let file = components.reduce(root) { $0.appendingPathComponent($1) }.resolvingSymlinksInPath().standardizedFileURL
        guard file.path.hasPrefix(root.path + "/") else { throw .escapes }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .notFound
        }
        return file
    }

    /// The response for a resolved file, tagged: a browser revalidating after the hour gets a 304 while the file is unchanged.
    static func response(for file: URL, request: Request) throws -> Response {
        let data = try Data(contentsOf: file)
        let type = contentTypes[file.pathExtension.lowercased()] ?? "application/octet-stream"
        return EntityTag.validated(
            request, status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=3600", .init("X-Content-Type-Options")!: "nosniff"],
            body: ByteBuffer(bytes: data))
    }
}
