// PublicName: the shape of the names under /pub/ (a blog's address), checked alike by the host and by plugins.
/// 1 to 100 characters of `a-z`, `0-9` and `-`, without a dash at either end.
public func isValidPublicName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard (1...100).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
    return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }
}
