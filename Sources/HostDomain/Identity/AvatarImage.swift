// AvatarImage: checks an uploaded picture and re-encodes it as a small square PNG.
import CGD
import Foundation

/// Avatars are never served as uploaded: the file must be a PNG or a JPEG of sane size,
/// it is decoded by libgd, cropped to a centred square, scaled to ``side`` pixels and
/// re-encoded as PNG. Metadata (EXIF location, comments) and anything hidden in the file
/// are gone; what the portal serves is only pixels it drew itself.
package enum AvatarImage {
    /// Uploads larger than this are refused before decoding.
    package static let maxBytes = 2 << 20
    /// Pictures wider or taller than this are refused before decoding (decompression bombs).
    package static let maxDimension = 6000
    /// The side of the stored square.
    package static let side: Int32 = 256

    package enum Refusal: Error, Equatable {
        case empty
        case tooLarge
        case unsupportedType
        case tooManyPixels
        case undecodable

        /// The locale key explaining it.
        package var key: String {
            switch self {
            case .empty: "avatar.empty"
            case .tooLarge: "avatar.too_large"
            case .unsupportedType: "avatar.type"
            case .tooManyPixels: "avatar.dimensions"
            case .undecodable: "avatar.undecodable"
            }
        }
    }

    enum Kind { case png, jpeg }

    /// Re-encodes `bytes`, or throws why it is refused.
    package static func reencode(_ bytes: [UInt8]) throws(Refusal) -> [UInt8] {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge }
        guard let kind = kind(of: bytes) else { throw .unsupportedType }
        guard let (width, height) = dimensions(of: bytes, kind: kind) else { throw .undecodable }
        guard width > 0, height > 0, width <= maxDimension, height <= maxDimension else { throw .tooManyPixels }
        silenceLibraryMessages
        var input = bytes
        let decoded: gdImagePtr? = input.withUnsafeMutableBytes { buffer in
            switch kind {
            case .png: gdImageCreateFromPngPtr(Int32(buffer.count), buffer.baseAddress)
            case .jpeg: gdImageCreateFromJpegPtrEx(Int32(buffer.count), buffer.baseAddress, 1)
            }
        }
        guard let source = decoded else { throw .undecodable }
        defer { gdImageDestroy(source) }
        guard let square = gdImageCreateTrueColor(side, side) else { throw .undecodable }
        defer { gdImageDestroy(square) }
        let sourceWidth = source.pointee.sx, sourceHeight = source.pointee.sy
        let crop = min(sourceWidth, sourceHeight)
        gdImageSaveAlpha(square, 1)
        gdImageAlphaBlending(square, 0)
        gdImageCopyResampled(square, source, 0, 0, (sourceWidth - crop) / 2, (sourceHeight - crop) / 2, side, side, crop, crop)
        var size: Int32 = 0
        guard let encoded = gdImagePngPtrEx(square, &size, 9), size > 0 else { throw .undecodable }
        defer { gdFree(encoded) }
        return Array(UnsafeRawBufferPointer(start: encoded, count: Int(size)))
    }

    static func kind(of bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// Width and height from the file's header, read before any decoding.
    static func dimensions(of bytes: [UInt8], kind: Kind) -> (Int, Int)? {
        func bigEndian(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            return bytes[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) }
        }
        switch kind {
        case .png:
            // Signature, then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4).
            guard bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8), let width = bigEndian(16, 4), let height = bigEndian(20, 4)
            else { return nil }
            return (width, height)
        case .jpeg:
            // Walk the segments up to a start-of-frame marker (SOF0…SOF15 but DHT, JPG, DAC).
            var index = 2
            while index + 4 <= bytes.count {
                guard bytes[index] == 0xFF else { return nil }
                let marker = bytes[index + 1]
                if marker == 0xFF { index += 1; continue }
                guard let length = bigEndian(index + 2, 2), length >= 2 else { return nil }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    guard let height = bigEndian(index + 5, 2), let width = bigEndian(index + 7, 2) else { return nil }
                    return (width, height)
                }
                index += 2 + length
            }
            return nil
        }
    }

    /// libgd writes decoding warnings to stderr; a refusal is reported to the user instead.
    private static let silenceLibraryMessages: Void = {
        gdSetErrorMethod { _, _, _ in }
    }()
}
