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
    /// Whether the pattern ends in `*`.
    private let hasRest: Bool

    public init(_ path: String) {
        self.path = path
        segments = path.split(separator: "/").map { part in
            if part == "*" { return .rest }
            if part.hasPrefix(":") { return .parameter(part.dropFirst()) }
            return .literal(part)
        }
        hasRest = segments.last.map { if case .rest = $0 { true } else { false } } ?? false
    }

    /// The parameters `path` (relative to the mount, without query) binds, or nil when it
    /// does not match. `:name` values are percent-decoded; `*` binds the rest, undecoded.
    public func match(_ path: Substring) -> [String: String]? {
        match(parts: Self.parts(of: path))
    }

    /// A path's segments, split once for every route a lookup tries.
    public static func parts(of path: Substring) -> [Substring] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
    }

    /// The same, on a path already split by ``parts(of:)``. Literal segments compare byte for
    /// byte; nothing is allocated for a route that does not match.
    public func match(parts: [Substring]) -> [String: String]? {
        guard hasRest ? parts.count >= segments.count - 1 : parts.count == segments.count else { return nil }
        for (index, segment) in segments.enumerated() {
            if case .literal(let text) = segment, !parts[index].utf8.elementsEqual(text.utf8) { return nil }
        }
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                parameters["*"] = parts[min(index, parts.count)...].joined(separator: "/")
            case .parameter(let name):
                let value = String(parts[index])
                // Most segments hold no escape: Foundation's decoder is not worth calling for them.
                parameters[String(name)] = value.utf8.contains(UInt8(ascii: "%")) ? value.removingPercentEncoding ?? value : value
            case .literal:
                break
            }
        }
        return parameters
    }

    /// Whether a route declared for `declared` serves a request of `requested`: the same
    /// method, or a HEAD request served by the GET route.
    public static func method(_ declared: String, serves requested: String) -> Bool {
        declared == requested || (declared == "GET" && requested == "HEAD")
    }
}
