// MultipartBodyTests: the one multipart parser the host (CSRF field, avatar, import) and PluginKit (uploads) both read bodies with.
import CartableWire
import Foundation
import Testing

@Suite("Multipart bodies")
struct MultipartBodyTests {
    static func body(_ parts: [(headers: String, content: String)], boundary: String = "XyZ", closed: Bool = true) -> Data {
        var text = "preamble a client may send\r\n"
        for part in parts { text += "--\(boundary)\r\n\(part.headers)\r\n\r\n\(part.content)\r\n" }
        text += closed ? "--\(boundary)--\r\n" : ""
        return Data(text.utf8)
    }

    @Test func fieldsAndFilesAreReadInOrderAndTheFirstOfANameWins() throws {
        let data = Self.body([
            ("Content-Disposition: form-data; name=\"_csrf\"", "token-1"),
            (
                "Content-Disposition: form-data; name=\"cover\"; filename=\"été.png\"\r\nContent-Type: image/png",
                "\u{1}PNG\r\n--XyW is not the boundary"
            ),
            ("content-disposition: form-data; name=\"_csrf\"", "token-2"),
        ])
        let form = try MultipartBody(data, boundary: "XyZ")
        #expect(form.parts.map(\.name) == ["_csrf", "cover", "_csrf"])
        #expect(form["_csrf"]?.text == "token-1" && form.byName["_csrf"]?.text == "token-1")
        let cover = try #require(form["cover"])
        #expect(cover.filename == "été.png" && cover.contentType == "image/png" && cover.text == "\u{1}PNG\r\n--XyW is not the boundary")
    }

    @Test func aMalformedBodySaysWhatIsWrong() {
        let field = ("Content-Disposition: form-data; name=\"a\"", "1")
        #expect(throws: MultipartBody.Malformed.unterminated) { try MultipartBody(Self.body([field], closed: false), boundary: "XyZ") }
        #expect(throws: MultipartBody.Malformed.noOpeningBoundary) { try MultipartBody(Self.body([field]), boundary: "other") }
        #expect(throws: MultipartBody.Malformed.unnamedPart) {
            try MultipartBody(Self.body([("Content-Type: text/plain", "x")]), boundary: "XyZ")
        }
        let many = Array(repeating: field, count: MultipartBody.maxParts + 1)
        #expect(throws: MultipartBody.Malformed.tooManyParts) { try MultipartBody(Self.body(many), boundary: "XyZ") }
        let huge = (
            "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " + String(repeating: "p", count: MultipartBody.maxHeaderBytes), "1"
        )
        #expect(throws: MultipartBody.Malformed.headersTooLarge) { try MultipartBody(Self.body([huge]), boundary: "XyZ") }
        #expect("\(MultipartBody.Malformed.unterminated)".contains("closing boundary"))
    }

    @Test func theBoundaryComesFromAFormDataContentTypeOnly() {
        #expect(MultipartBody.boundary(of: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(MultipartBody.boundary(of: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b\"") == "a b")
        #expect(MultipartBody.boundary(of: "multipart/mixed; boundary=XyZ") == nil)
        #expect(MultipartBody.boundary(of: "multipart/form-data; boundary=") == nil)
        #expect(MultipartBody.boundary(of: "multipart/form-data; boundary=" + String(repeating: "b", count: 71)) == nil)
        #expect(MultipartBody.boundary(of: nil) == nil)
        #expect(MultipartBody.boundary(of: "  multipart/form-data;boundary=a") == "a")
        #expect(MultipartBody.boundary(of: "multipart/form-datax; boundary=a") == nil)
        #expect(MultipartBody.boundary(of: "application/json; boundary=a") == nil)
    }
}
