// RoutePattern: a route path (`/notes/:id`, `/files/*`) and its matching, the same on the host's side and PluginKit's.
import Foundation

/// A route path relative to a plugin's mount: literal segments, `:name` for one segment,
/// a final `*` for the rest. The host matches the manifest's routes with it before calling
/// a plugin, PluginKit matches its router's with it to pick the handler.
public struct RoutePattern: Sendable {
    private enum Segment: Sendable {
        case literal(Substring)
        case parameter(Substring)
        case rest
    }

    /// The pattern as written.
    public let path: String
    private let segments: [Segment]

    public init(_ path: String) {
        self.path = path
        segments = path.split(separator: "/").map { part in
            if part == "*" { return .rest }
            if part.hasPrefix(":") { return .parameter(part.dropFirst()) }
            return .literal(part)
        }
    }

    /// The parameters `path` (relative to the mount, without query) binds, or nil when it
    /// does not match. `:name` values are percent-decoded; `*` binds the rest, undecoded.
    public func match(_ path: Substring) -> [String: String]? {
        let parts = path.split(separator: "/")
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                parameters["*"] = parts[min(index, parts.count)...].joined(separator: "/")
                return parameters
            case .parameter(let name):
                guard index < parts.count else { return nil }
                let value = String(parts[index])
                parameters[String(name)] = value.removingPercentEncoding ?? value
            case .literal(let text):
                guard index < parts.count, parts[index] == text else { return nil }
            }
        }
        return parts.count == segments.count ? parameters : nil
    }

    /// Whether a route declared for `declared` serves a request of `requested`: the same
    /// method, or a HEAD request served by the GET route.
    public static func method(_ declared: String, serves requested: String) -> Bool {
        declared == requested || (declared == "GET" && requested == "HEAD")
    }
}
