// OIDCRoutes+Responses: the redirects and JSON answers every OpenID endpoint builds.
import CartableText
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import PluginRuntime

extension OIDCRoutes {
    /// A 303 to `uri` with `parameters` added to its query (nil values left out).
    static func redirect(_ uri: String, _ parameters: [String: String?]) -> Response {
        let query = formURLEncoded(parameters.compactMapValues { $0 })
        return Response(status: .seeOther, headers: [.location: uri + (uri.contains("?") ? "&" : "?") + query, .cacheControl: "no-store"])
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
