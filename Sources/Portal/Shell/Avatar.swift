// Avatar: a person's picture, or their initials on a colour derived from who they are (the same on every page).
import CartableText

enum Avatar {
    enum Size: String { case small, large }

    /// Eight colours, each under white text at 4.5:1 or more (portal.css `.avatar-c0`…`.avatar-c7`).
    static let colours = 8

    /// The person's colour: a stable hash of their id (FNV-1a), so it never changes between requests or hosts.
    static func colour(of id: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in id.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(colours))
    }

    /// "Léa Martin" → "LM"; decorative (the name is written next to it).
    static func initials(of name: String, id: String, size: Size) -> HTML {
        let letters = name.split(separator: " ").prefix(2).compactMap(\.first).map { String($0).uppercased() }.joined()
        return "<span class=\"avatar initials \(size.rawValue) avatar-c\(colour(of: id))\" aria-hidden=\"true\">\(letters)</span>"
    }

    /// The uploaded picture when there is one, else the initials.
    static func of(name: String, id: String, hasPicture: Bool, size: Size, alt: String) -> HTML {
        guard hasPicture else { return initials(of: name, id: id, size: size) }
        let pixels = size == .small ? 32 : 128
        return
            "<img class=\"avatar \(size.rawValue)\" src=\"/profile/\(id)/avatar\" width=\"\(pixels)\" height=\"\(pixels)\" alt=\"\(alt)\">"
    }
}
