// MultipartForm: reads a `multipart/form-data` body (file uploads) into named parts.
import Foundation
import MultipartKit
import NIOCore

/// The fields of a multipart form, parsed with MultipartKit. Only the first part of each
/// name is kept; a malformed body is an error the caller answers with 400.
struct MultipartForm {
    struct Part {
        let contentType: String?
        let body: ByteBuffer
        var text: String { String(buffer: body) }
    }

    struct Malformed: Error {}

    private(set) var parts: [String: Part] = [:]

    subscript(name: String) -> Part? { parts[name] }

    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    init(_ body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var current = ByteBuffer()
        var collected: [String: Part] = [:]
        var complete = false
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in current.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            let type = headers.first { $0.0.lowercased() == "content-type" }?.1
            if let name = Self.parameter("name", in: disposition), collected[name] == nil {
                collected[name] = Part(contentType: type, body: current)
            }
            headers = []
            current = ByteBuffer()
            complete = true
        }
        do {
            try parser.execute(body)
        } catch {
            throw Malformed()
        }
        guard complete else { throw Malformed() }
        parts = collected
    }

    /// A parameter of a `Content-Disposition` value: `form-data; name="avatar"; filename="a.png"`.
    static func parameter(_ key: String, in header: String) -> String? {
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
