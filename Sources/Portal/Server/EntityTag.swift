// EntityTag: strong validators for what the portal serves to anyone (plugin assets, public pages), and the 304 a browser's revalidation gets.
import CartableText
import Crypto
import Foundation
import Hummingbird

/// The tag is a digest of the bytes sent, so it changes exactly when they do — across hosts
/// too (no file dates, no counters). A logged-in page is never tagged: it is `no-store`.
enum EntityTag {
    /// `"<32 hex digits>"`: the first 128 bits of the SHA-256 of `bytes`.
    static func of(_ bytes: some DataProtocol) -> String {
        "\"" + hexString(SHA256.hash(data: bytes).prefix(16)) + "\""
    }

    /// Whether an `If-None-Match` header names `tag` (or is `*`). Weak comparison, as RFC 9110
    /// asks for this header: `W/"x"` matches `"x"`.
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        let wanted = tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
        for candidate in header.split(separator: ",") {
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            if trimmed == "*" { return true }
            if (trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed) == wanted { return true }
        }
        return false
    }

    /// `response`'s bytes tagged; a GET or HEAD whose `If-None-Match` already holds them gets
    /// `304 Not Modified` with the same validators and no body. Only 200 answers are tagged.
    static func validated(
        _ request: Request, status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer
    ) -> Response {
        guard status == .ok, request.method == .get || request.method == .head else {
            return Response(status: status, headers: headers, body: .init(byteBuffer: body))
        }
        var headers = headers
        let tag = of(body.readableBytesView)
        headers[.eTag] = tag
        guard matches(request.headers[.ifNoneMatch], tag) else {
            return Response(status: status, headers: headers, body: .init(byteBuffer: body))
        }
        headers[.contentLength] = nil
        return Response(status: .notModified, headers: headers)
    }
}
