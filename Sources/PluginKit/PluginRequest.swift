// PluginRequest: a request as a Swift plugin handler sees it, copied out of the borrowed C request.
import CartableText
import CartableWire
import Foundation

/// One request to the plugin. Strings and body are copied from the host's request, but
/// ``store`` talks to the host through the live request: use it only inside the handler.
public struct PluginRequest {
    public let method: String
    /// Relative to the plugin's mount, percent-encoded as sent: `/notes/42`.
    public let path: String
    /// The raw query string, without `?`.
    public let rawQuery: String
    /// Lower-case header names.
    public let headers: [String: String]
    public let body: Data
    /// Values of `:name` segments of the matched route, percent-decoded.
    public internal(set) var parameters: [String: String] = [:]
    /// Unique per request, for logs.
    public let requestID: String
    /// The caller's language: `fr` or `en`.
    public let locale: String
    /// Where the plugin is mounted, e.g. `/apps/notes`; prefix links with it.
    public let basePath: String
    /// This plugin's settings for the caller's scope, a JSON object.
    public let settingsJSON: String
    /// The caller's anti-CSRF token: every form that posts must send it as `_csrf`
    /// (``csrfField`` writes that hidden field), or the host refuses the post.
    public let csrfToken: String
    /// The logged-in caller; nil when anonymous (only on routes the manifest marks public).
    public let user: PluginUser?

    let host: UnsafePointer<cartable_host_t>
    let raw: UnsafePointer<cartable_request_t>
    let strings: Localization?

    init(raw: UnsafePointer<cartable_request_t>, host: UnsafePointer<cartable_host_t>, strings: Localization?) {
        let request = raw.pointee
        method = request.method.string
        path = request.path.string
        rawQuery = request.query.string
        var headers: [String: String] = [:]
        if let list = request.headers {
            for index in 0..<Int(request.header_count) {
                let name = list[index].name.string
                let value = list[index].value.string
                headers[name] = headers[name].map { "\($0), \(value)" } ?? value
            }
        }
        self.headers = headers
        body = request.body.map { Data(bytes: $0, count: Int(request.body_len)) } ?? Data()
        let context = request.context?.pointee
        requestID = context?.request_id.string ?? ""
        locale = context?.locale.string ?? "fr"
        basePath = context?.base_path.string ?? ""
        settingsJSON = context?.settings.string ?? "{}"
        csrfToken = context?.csrf_token.string ?? ""
        user = PluginUser(context: request.context)
        self.host = host
        self.raw = raw
        self.strings = strings
    }

    /// The store client scoped to this request's caller. Valid only during the handler.
    public var store: Store {
        get throws { try Store(host: host, request: raw) }
    }

    /// The logged-in caller, or a 403 for an anonymous one.
    public func requireUser() throws -> PluginUser {
        guard let user else { throw PluginError.denied("log in first: this needs a user account") }
        return user
    }

    /// People and classes of the caller's school. Valid only during the handler.
    public var directory: SchoolDirectory {
        get throws { try SchoolDirectory(host: host, request: raw) }
    }

    /// Granted actions and shares of this plugin's resources, in the caller's school. Valid only during the handler.
    public var access: Access {
        get throws { try Access(host: host, request: raw) }
    }

    /// Emits events for the timeline and listening plugins, in the caller's school. Valid only during the handler.
    public var events: Events {
        get throws { try Events(host: host, request: raw) }
    }

    /// Claims and releases public names (pages under /pub/) for the caller's school. Valid only during the handler.
    public var publicNames: PublicNames {
        get throws { try PublicNames(host: host, request: raw) }
    }

    /// The school of the request: the caller's, or on a public page (/pub/) the school that published it; "" when none.
    public var schoolID: String {
        raw.pointee.context?.pointee.school_id.string ?? ""
    }

    /// A true/false setting (manifest defaults, then the platform's and the authority's changes); nil when absent.
    public func setting(_ key: String) -> Bool? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(settingsJSON.utf8)) as? [String: Any] else { return nil }
        return object[key] as? Bool
    }

    /// The parts of a `multipart/form-data` body (fields and uploaded files), the first of
    /// each name; empty for any other body or a malformed one (``multipartForm()`` says why).
    public var multipart: [String: MultipartPart] {
        (try? multipartForm())?.byName ?? [:]
    }

    /// The `multipart/form-data` body in order, repeated names included; throws a 400
    /// saying what is malformed, or when the body is not multipart at all.
    public func multipartForm() throws -> MultipartBody {
        guard let boundary = MultipartBody.boundary(of: headers["content-type"]) else {
            throw PluginError.invalid("the body is not multipart/form-data with a boundary")
        }
        do {
            return try MultipartBody(body, boundary: boundary)
        } catch {
            throw PluginError.invalid("the multipart body is malformed: \(error)")
        }
    }

    /// The hidden form field carrying ``csrfToken``; put it in every `<form method="post">`.
    public var csrfField: String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(csrfToken))\">"
    }

    /// Query parameters, percent-decoded; `+` reads as a space.
    public var query: [String: String] { parseFormURLEncoded(rawQuery) }

    /// The body as an `application/x-www-form-urlencoded` form.
    public var form: [String: String] { parseFormURLEncoded(String(decoding: body, as: UTF8.self)) }

    /// Decodes the JSON body; a malformed body throws a 400 with what is wrong.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONValueDecoder().decode(type, from: body)
        } catch {
            throw PluginError.invalid("the request body is not the expected JSON: \(error)")
        }
    }

    /// A required route parameter; throws 400 when absent.
    public func parameter(_ name: String) throws -> String {
        guard let value = parameters[name] else { throw PluginError.invalid("missing route parameter '\(name)'") }
        return value
    }

    /// The string for `key` in the caller's language, from the bundle's `locales/`.
    public func localized(_ key: String, _ arguments: String...) -> String {
        localizedText(key, arguments)
    }
}
