// LibraryFile: checks on a plugin library file before it is opened (checksum, ELF header, size).
import CartableText
import Crypto
import Foundation
import HostDomain

/// Reads a library file without running it.
enum LibraryFile {
    /// Lower-case hex SHA-256 of the file, read in chunks.
    static func sha256(of url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw LoadFailure("library \(url.lastPathComponent) is missing from \(url.deletingLastPathComponent().path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hexString(hasher.finalize())
    }

    /// Refuses a file that is not an ELF shared object, or whose section table lies past its end.
    static func checkSharedObject(_ url: URL) throws {
        let name = url.lastPathComponent
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else {
            throw LoadFailure("library \(name) cannot be read")
        }
        guard data.count >= 4, data.prefix(4).elementsEqual([0x7F, 0x45, 0x4C, 0x46]) else {
            throw LoadFailure("\(name) is not a shared library (no ELF header), this host loads ELF .so files")
        }
        guard data.count >= 64 else {
            throw LoadFailure("\(name) is truncated: \(data.count) bytes, shorter than an ELF header")
        }
        // ELF64 little-endian: e_type at 16 (3 = shared object), e_shoff at 40, e_shentsize at 58, e_shnum at 60.
        guard data[data.startIndex + 4] == 2, data[data.startIndex + 5] == 1 else { return }
        func integer(_ offset: Int, _ size: Int) -> UInt64 {
            (0..<size).reduce(UInt64(0)) { $0 | UInt64(data[data.startIndex + offset + $1]) << (8 * UInt64($1)) }
        }
        guard integer(16, 2) == 3 else {
            throw LoadFailure("\(name) is an ELF file but not a shared library (e_type \(integer(16, 2)), expected 3)")
        }
        let expected = integer(40, 8) + integer(58, 2) * integer(60, 2)
        guard expected <= UInt64(data.count) else {
            throw LoadFailure("\(name) is truncated: \(data.count) bytes, its ELF header expects at least \(expected)")
        }
    }
}
