// HTMLSanitizer: keeps an allow-list of tags and attributes in rendered Markdown; scripts, event handlers and unsafe URLs never survive.
import Foundation
import PluginKit

/// Rewrites HTML so that only harmless markup remains:
/// - allowed tags are rebuilt from scratch with their allowed attributes only, values
///   re-escaped (so `onerror=`, `style=` and anything unknown disappear);
/// - `href` and `src` must be http(s), mailto (links) or relative, checked after decoding
///   entities and dropping whitespace and control characters (`jav&#x09;ascript:` fails);
/// - script-like elements (script, style, iframe, object…) are removed with their content;
/// - any other tag is dropped, its text kept; comments and malformed `<` become text.
enum HTMLSanitizer {
    static let allowed: [String: Set<String>] = [
        "p": [], "br": [], "hr": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "strong": [], "b": [], "em": [], "i": [], "u": [], "s": [], "del": [], "sup": [], "sub": [],
        "code": [], "pre": [], "blockquote": [], "ul": [], "ol": ["start"], "li": [],
        "a": ["href", "title"], "img": ["src", "alt", "title"],
        "table": [], "thead": [], "tbody": [], "tr": [], "th": [], "td": [],
    ]
    static let voidTags: Set<String> = ["br", "hr", "img"]
    /// Removed together with everything up to their closing tag.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title", "xmp", "svg", "math", "frameset",
        "noembed",
    ]

    /// `externalImages`: whether images from other sites may show (the authority's
    /// `external_images` setting). When not, such an image becomes a link to it, so a reader's
    /// browser never fetches it (pupils' addresses would reach the other site's trackers).
    static func sanitize(_ html: String, externalImages: Bool = false) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                if byte == UInt8(ascii: ">") { out += Array("&gt;".utf8) } else { out.append(byte) }
                index += 1
                continue
            }
            if starts(bytes, at: index, with: "<!--") {
                index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            guard let tag = Tag.parse(bytes, at: index) else {
                out += Array("&lt;".utf8)
                index += 1
                continue
            }
            index = tag.end
            if droppedWithContent.contains(tag.name) {
                if !tag.closing, !tag.selfClosing { index = skipElement(tag.name, bytes, from: index) }
                continue
            }
            guard let attributes = allowed[tag.name] else { continue }
            if tag.closing {
                if !voidTags.contains(tag.name) { out += Array("</\(tag.name)>".utf8) }
                continue
            }
            if tag.name == "img", !externalImages, let source = tag.attributes.first(where: { $0.0 == "src" })?.1,
                isSafeURL(source, allowMail: false),
                isExternal(source)
            {
                let alt = tag.attributes.first(where: { $0.0 == "alt" })?.1 ?? ""
                out += Array(
                    "<a href=\"\(escapeHTML(source))\" rel=\"nofollow noopener noreferrer\" class=\"external-image\">\(escapeHTML(alt.isEmpty ? source : alt))</a>"
                        .utf8)
                continue
            }
            var rebuilt = "<\(tag.name)"
            for (name, value) in tag.attributes where attributes.contains(name) {
                if name == "href" || name == "src" {
                    guard isSafeURL(value, allowMail: name == "href") else { continue }
                }
                if name == "start", Int(value) == nil { continue }
                rebuilt += " \(name)=\"\(escapeHTML(value))\""
            }
            if tag.name == "a" { rebuilt += " rel=\"nofollow noopener noreferrer\"" }
            if tag.name == "img" { rebuilt += " loading=\"lazy\"" }
            out += Array((rebuilt + ">").utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a (safe) URL points to another site: a scheme or a `//host` start.
    static func isExternal(_ raw: String) -> Bool {
        let url = decodeEntities(raw).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return url.hasPrefix("http:") || url.hasPrefix("https:") || url.hasPrefix("//") || url.hasPrefix("\\\\")
    }

    /// http, https, mailto (links only) or a relative reference without a scheme.
    static func isSafeURL(_ raw: String, allowMail: Bool) -> Bool {
        let decoded = decodeEntities(raw).unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        let text = String(String.UnicodeScalarView(decoded)).lowercased()
        guard !text.isEmpty else { return false }
        // A scheme is what comes before the first ':' if no '/', '?' or '#' comes earlier.
        if let colon = text.firstIndex(of: ":") {
            let prefix = text[..<colon]
            if !prefix.contains(where: { "/?#".contains($0) }) {
                return prefix == "http" || prefix == "https" || (allowMail && prefix == "mailto")
            }
        }
        return true
    }

    /// Decodes the character references a browser would decode in an attribute value.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            let body = rest.dropFirst().prefix(12)
            let end = body.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "#") })
            let name = end.map { body[..<$0] } ?? body
            var scalar: Unicode.Scalar?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                scalar = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n"][
                    name.lowercased()
                ]
                .flatMap { $0.unicodeScalars.first }
            }
            if let scalar {
                result.unicodeScalars.append(scalar)
                var consumed = rest.dropFirst(1 + name.count)
                if consumed.first == ";" { consumed = consumed.dropFirst() }
                rest = consumed
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with text: String) -> Bool {
        let needle = Array(text.utf8)
        guard index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where bytes[index + offset] | 0x20 != needle[offset] | 0x20 { return false }
        return true
    }

    private static func find(_ bytes: [UInt8], _ text: String, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if starts(bytes, at: index, with: text) { return index }
            index += 1
        }
        return nil
    }

    /// After the opening tag of `name`: the index past its closing tag (or the end).
    private static func skipElement(_ name: String, _ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while let found = find(bytes, "</\(name)", from: index) {
            let after = found + 2 + name.utf8.count
            if after >= bytes.count { return bytes.count }
            let next = bytes[after]
            if next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "/") || next == 0x09 || next == 0x0A
                || next == 0x0D
            {
                return find(bytes, ">", from: after).map { $0 + 1 } ?? bytes.count
            }
            index = after
        }
        return bytes.count
    }

    /// One tag: `<name attr="v" …>` or `</name>`.
    struct Tag {
        let name: String
        let closing: Bool
        let selfClosing: Bool
        let attributes: [(String, String)]
        let end: Int

        static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
        }

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }

        static func parse(_ bytes: [UInt8], at start: Int) -> Tag? {
            var index = start + 1
            var closing = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
                closing = true
                index += 1
            }
            guard index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A else { return nil }
            let nameStart = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            var attributes: [(String, String)] = []
            var selfClosing = false
            while index < bytes.count {
                let byte = bytes[index]
                if isSpace(byte) { index += 1; continue }
                if byte == UInt8(ascii: ">") {
                    return Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes, end: index + 1)
                }
                if byte == UInt8(ascii: "/") { selfClosing = true; index += 1; continue }
                if byte == UInt8(ascii: "<") { return nil }
                // An attribute name, then optionally = and a quoted or bare value.
                let attributeStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">"),
                    bytes[index] != UInt8(ascii: "/") || index == attributeStart
                { index += 1 }
                let attribute = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                var value = ""
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                    guard index < bytes.count else { return nil }
                    let quote = bytes[index]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        let valueStart = index + 1
                        guard let close = bytes[valueStart...].firstIndex(of: quote) else { return nil }
                        value = String(decoding: bytes[valueStart..<close], as: UTF8.self)
                        index = close + 1
                    } else {
                        let valueStart = index
                        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                        value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                    }
                }
                selfClosing = false
                attributes.append((attribute, decodeEntities(value)))
            }
            return nil
        }
    }
}
