// MultipartPart: one part of a multipart/form-data body (a form field or an uploaded file).
import Foundation

/// A field of a `multipart/form-data` form, as browsers send file uploads.
public struct MultipartPart: Sendable, Equatable {
    public let name: String
    /// The uploaded file's name; nil for a plain field.
    public let filename: String?
    public let contentType: String?
    public let data: Data

    /// The field as UTF-8 text.
    public var text: String { String(decoding: data, as: UTF8.self) }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    /// Splits `body` on `--boundary` lines; malformed parts are skipped, the first part of a name wins.
    static func parse(_ body: Data, boundary: String) -> [String: MultipartPart] {
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [String: MultipartPart] = [:]
        guard var cursor = body.range(of: delimiter)?.upperBound else { return [:] }
        while let next = body.range(of: delimiter, in: cursor..<body.endIndex) {
            var chunk = body[cursor..<next.lowerBound]
            cursor = next.upperBound
            // Each part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
            guard chunk.starts(with: Data("\r\n".utf8)) else { continue }
            chunk = chunk.dropFirst(2)
            guard let split = chunk.range(of: headerEnd) else { continue }
            let headerText = String(decoding: chunk[chunk.startIndex..<split.lowerBound], as: UTF8.self)
            var content = chunk[split.upperBound...]
            if content.suffix(2) == Data("\r\n".utf8) { content = content.dropLast(2) }
            var name: String?, filename: String?, contentType: String?
            for line in headerText.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = parameter("name", in: line)
                    filename = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            if let name, parts[name] == nil {
                parts[name] = MultipartPart(name: name, filename: filename, contentType: contentType, data: Data(content))
            }
        }
        return parts
    }

    /// `key="value"` in a Content-Disposition line.
    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\(key)=") else { continue }
            var value = String(trimmed.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
