// PluginResponse: what a Swift handler answers, written into the host's response sink.
import CartableWire
import Foundation

/// A handler's answer: status, headers, body, and whether the body is an HTML fragment
/// that the portal wraps in its page.
public struct PluginResponse: Sendable {
    public enum Kind: Sendable {
        /// Bytes pass through unchanged.
        case raw
        /// An HTML fragment shown inside the portal page.
        case fragment
    }

    public var status: Int32
    public var headers: [(name: String, value: String)]
    public var body: Data
    public var kind: Kind
    public var title: String?
    /// For fragments: crumbs between the app and the title, (label, path into this plugin).
    public var breadcrumbs: [(label: String, path: String)] = []

    public init(
        status: Int32 = 200, headers: [(name: String, value: String)] = [], body: Data = Data(), kind: Kind = .raw, title: String? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.kind = kind
        self.title = title
    }

    /// A JSON body from an `Encodable` value.
    public static func json<T: Encodable>(_ value: T, status: Int32 = 200) throws -> PluginResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return PluginResponse(
            status: status, headers: [("content-type", "application/json; charset=utf-8")], body: try encoder.encode(value))
    }

    /// An HTML fragment shown in the portal page under `title`, below "Home › <app> › `breadcrumbs`",
    /// built with ``HTML`` (every interpolated text escaped); crumb labels are escaped by the host.
    public static func html(
        _ fragment: HTML, title: String, breadcrumbs: [(label: String, path: String)] = [], status: Int32 = 200
    ) -> PluginResponse {
        html(fragment.markup, title: title, breadcrumbs: breadcrumbs, status: status)
    }

    /// The same from markup built by hand: escape user text with ``escapeHTML(_:)``.
    public static func html(
        _ fragment: String, title: String, breadcrumbs: [(label: String, path: String)] = [], status: Int32 = 200
    ) -> PluginResponse {
        var response = PluginResponse(status: status, body: Data(fragment.utf8), kind: .fragment, title: title)
        response.breadcrumbs = breadcrumbs
        return response
    }

    /// Plain text.
    public static func text(_ text: String, status: Int32 = 200) -> PluginResponse {
        PluginResponse(status: status, headers: [("content-type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }

    /// A 303 redirect, e.g. after a form post.
    public static func redirect(to location: String) -> PluginResponse {
        PluginResponse(status: 303, headers: [("location", location)])
    }

    /// Writes this response into the host's sink; returns the first failing code, if any.
    func write(to sink: UnsafePointer<cartable_response_t>) -> Int32 {
        let response = sink.pointee
        var code = response.set_status?(sink, status) ?? CARTABLE_OK
        for header in headers where code == CARTABLE_OK {
            code = header.name.withCartableString { name in
                header.value.withCartableString { value in response.add_header?(sink, name, value) ?? CARTABLE_OK }
            }
        }
        if code == CARTABLE_OK, kind == .fragment {
            code = response.set_kind?(sink, CARTABLE_BODY_FRAGMENT) ?? CARTABLE_OK
            if code == CARTABLE_OK, let title {
                code = title.withCartableString { response.set_title?(sink, $0) ?? CARTABLE_OK }
            }
            for crumb in breadcrumbs where code == CARTABLE_OK {
                code = crumb.label.withCartableString { label in
                    crumb.path.withCartableString { path in response.add_breadcrumb?(sink, label, path) ?? CARTABLE_OK }
                }
            }
        }
        if code == CARTABLE_OK, !body.isEmpty {
            code = body.withUnsafeBytes { bytes in
                response.write?(sink, bytes.bindMemory(to: UInt8.self).baseAddress, UInt64(bytes.count)) ?? CARTABLE_OK
            }
        }
        return code
    }
}
