// MultipartBody: a `multipart/form-data` body (RFC 7578) read into parts, one parser and one set of limits for host and plugins.
import Foundation

/// The parts of a multipart form, in order. The host reads a form's `_csrf` field with it
/// before a plugin reads the same body with it, so both always see the same fields.
///
/// ```swift
/// guard let boundary = MultipartBody.boundary(of: contentType) else { … }
/// let form = try MultipartBody(body, boundary: boundary)
/// let avatar = form["avatar"]
/// ```
public struct MultipartBody: Sendable {
    /// One field: a plain value or an uploaded file.
    public struct Part: Sendable, Equatable {
        public let name: String
        /// The uploaded file's name; nil for a plain field.
        public let filename: String?
        public let contentType: String?
        public let data: Data

        public init(name: String, filename: String?, contentType: String?, data: Data) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }

        /// The field as UTF-8 text (invalid sequences repaired).
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// Why a body is not a multipart form; the description says what was expected.
    public enum Malformed: Error, Equatable, CustomStringConvertible {
        case noOpeningBoundary
        case unterminated
        case headersTooLarge
        case tooManyParts
        case unnamedPart

        public var description: String {
            switch self {
            case .noOpeningBoundary: "the body does not start with the boundary of its Content-Type"
            case .unterminated: "the body ends before its closing boundary (--boundary--)"
            case .headersTooLarge: "a part's headers exceed \(MultipartBody.maxHeaderBytes) bytes"
            case .tooManyParts: "a form has at most \(MultipartBody.maxParts) parts"
            case .unnamedPart: "a part has no Content-Disposition: form-data; name=\"…\""
            }
        }
    }

    /// At most this many parts in one body.
    public static let maxParts = 256
    /// At most this many bytes of headers in one part.
    public static let maxHeaderBytes = 8 << 10
    /// RFC 2046: a boundary is 1 to 70 characters.
    public static let maxBoundaryLength = 70

    public let parts: [Part]

    /// The first part named `name`: a repeated field keeps its first value.
    public subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// The first part of each name.
    public var byName: [String: Part] {
        var result: [String: Part] = [:]
        for part in parts where result[part.name] == nil { result[part.name] = part }
        return result
    }

    /// The `boundary` parameter of a `multipart/form-data` content type; nil for any other
    /// type, or a boundary that is empty or longer than RFC 2046 allows.
    public static func boundary(of contentType: String?) -> String? {
        // Most bodies are not multipart: their type is told apart without splitting it.
        guard let contentType, contentType.drop(while: { $0 == " " }).prefix(19).lowercased() == "multipart/form-data" else {
            return nil
        }
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = unquoted(pair[1].trimmingCharacters(in: .whitespaces))
            return value.isEmpty || value.utf8.count > maxBoundaryLength ? nil : value
        }
        return nil
    }

    /// Reads `body` split on `boundary`. A part without a name, a missing closing boundary,
    /// too many parts or oversized headers make the whole body malformed.
    public init(_ body: Data, boundary: String) throws(Malformed) {
        let bytes = [UInt8](body)
        let opening = Array("--\(boundary)".utf8), delimiter = Array("\r\n--\(boundary)".utf8)
        var parts: [Part] = []
        // The body starts with the first delimiter (a preamble before a CRLF is allowed).
        var cursor: Int
        if bytes.starts(with: opening) {
            cursor = opening.count
        } else if let found = Self.find(delimiter, in: bytes, from: 0) {
            cursor = found + delimiter.count
        } else {
            throw .noOpeningBoundary
        }
        while true {
            // After a delimiter: `--` closes the body; otherwise optional padding, then CRLF.
            if bytes[cursor...].starts(with: [0x2D, 0x2D]) { break }
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            guard bytes[cursor...].starts(with: [0x0D, 0x0A]) else { throw .unterminated }
            cursor += 2
            guard let next = Self.find(delimiter, in: bytes, from: cursor) else { throw .unterminated }
            guard parts.count < Self.maxParts else { throw .tooManyParts }
            parts.append(try Self.part(bytes[cursor..<next]))
            cursor = next + delimiter.count
        }
        self.parts = parts
    }

    /// One part: headers, an empty line, the content.
    private static func part(_ chunk: ArraySlice<UInt8>) throws(Malformed) -> Part {
        let headerEnd: Int, contentStart: Int
        if chunk.starts(with: [0x0D, 0x0A]) {
            (headerEnd, contentStart) = (chunk.startIndex, chunk.startIndex + 2)
        } else if let found = find([0x0D, 0x0A, 0x0D, 0x0A], in: chunk, from: chunk.startIndex) {
            (headerEnd, contentStart) = (found, found + 4)
        } else {
            throw .unnamedPart
        }
        guard headerEnd - chunk.startIndex <= maxHeaderBytes else { throw .headersTooLarge }
        var name: String?, filename: String?, contentType: String?
        for line in String(decoding: chunk[chunk.startIndex..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if field == "content-disposition" {
                name = parameter("name", in: value)
                filename = parameter("filename", in: value)
            } else if field == "content-type" {
                contentType = value
            }
        }
        guard let name, !name.isEmpty else { throw .unnamedPart }
        return Part(name: name, filename: filename, contentType: contentType, data: Data(chunk[contentStart...]))
    }

    /// A `key="value"` parameter of a `Content-Disposition` value (`form-data; name="a"; filename="b.png"`).
    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            return unquoted(pair[1].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private static func unquoted(_ value: String) -> String {
        value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
    }

    /// The index of the first occurrence of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, start <= haystack.endIndex else { return nil }
        var index = start
        let last = haystack.endIndex - needle.count
        while index <= last {
            guard let candidate = haystack[index...last].firstIndex(of: first) else { return nil }
            if haystack[candidate..<candidate + needle.count].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        find(needle, in: haystack[...], from: start)
    }
}
