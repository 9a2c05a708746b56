// TestImages: real PNG and JPEG files drawn with libgd, and hostile variants, for the avatar tests.
import CGD
import Foundation

enum TestImages {
    /// A `width`×`height` picture, red on the left half and blue on the right.
    private static func draw(
        _ width: Int32, _ height: Int32, encode: (gdImagePtr, UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer?
    ) -> [UInt8] {
        guard let image = gdImageCreateTrueColor(width, height) else { return [] }
        defer { gdImageDestroy(image) }
        gdImageFilledRectangle(image, 0, 0, width / 2, height - 1, 0xFF0000)
        gdImageFilledRectangle(image, width / 2, 0, width - 1, height - 1, 0x0000FF)
        var size: Int32 = 0
        guard let bytes = encode(image, &size) else { return [] }
        defer { gdFree(bytes) }
        return Array(UnsafeRawBufferPointer(start: bytes, count: Int(size)))
    }

    static func png(width: Int32 = 400, height: Int32 = 300) -> [UInt8] {
        draw(width, height) { gdImagePngPtr($0, $1) }
    }

    /// A JPEG whose EXIF block carries a location, which must not survive re-encoding.
    static func jpegWithLocation(_ marker: String) -> [UInt8] {
        let jpeg = draw(300, 500) { gdImageJpegPtr($0, $1, 90) }
        let payload = Array("Exif\0\0".utf8) + Array("GPSLatitude=48.8566 \(marker)".utf8)
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    /// A PNG header claiming 100,000 × 100,000 pixels (a decompression bomb), with no real data.
    static func pngBomb() -> [UInt8] {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let side: [UInt8] = [0x00, 0x01, 0x86, 0xA0]
        return signature + [0, 0, 0, 13] + Array("IHDR".utf8) + side + side + [8, 2, 0, 0, 0, 0, 0, 0, 0]
    }

    /// Reads width and height from a PNG's IHDR chunk.
    static func pngSize(_ bytes: [UInt8]) -> (Int, Int)? {
        guard bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        let number = { (at: Int) in bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    /// A `multipart/form-data` body with the CSRF field, other text `fields` and one file part named `field`.
    static func multipart(
        csrf: String, file: [UInt8], type: String, field: String = "avatar", fields: [(String, String)] = [],
        boundary: String = "cartable-test-boundary"
    ) -> (body: [UInt8], contentType: String) {
        var body: [UInt8] = []
        for (name, value) in [("_csrf", csrf)] + fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"upload\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += file
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }
}
