// IDToken: the signed statement a tool receives about who signed in (OpenID Connect Core §2), signed RS256 with the current key.
import Crypto
import Foundation
import JWTKit

/// The ID token's registered claims, plus the user claims its scope releases.
package struct IDToken: JWTPayload {
    package var iss: IssuerClaim
    package var aud: AudienceClaim
    package var exp: ExpirationClaim
    package var iat: IssuedAtClaim
    package var authTime: Int?
    package var nonce: String?
    package var atHash: String?
    /// `sub` and the released user claims.
    package var user: [String: ClaimValue]

    enum CodingKeys: String, CodingKey {
        case iss, aud, exp, iat, nonce
        case authTime = "auth_time"
        case atHash = "at_hash"
    }

    package init(
        issuer: String, clientID: String, user: [String: ClaimValue], nonce: String?, authTime: Date?, accessToken: String?, now: Date,
        lifetime: TimeInterval
    ) {
        iss = IssuerClaim(value: issuer)
        aud = AudienceClaim(value: clientID)
        // Whole seconds: relying parties compare with their own clock's integer seconds.
        let issued = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        exp = ExpirationClaim(value: issued.addingTimeInterval(lifetime))
        iat = IssuedAtClaim(value: issued)
        self.authTime = authTime.map { Int($0.timeIntervalSince1970) }
        self.nonce = nonce
        self.user = user
        // at_hash: the left half of SHA-256 of the access token, base64url.
        atHash = accessToken.map { token in SigningKeys.base64URL(Data(SHA256Digest.leftHalf(token))) }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iss, forKey: .iss)
        try container.encode(aud, forKey: .aud)
        try container.encode(exp, forKey: .exp)
        try container.encode(iat, forKey: .iat)
        try container.encodeIfPresent(authTime, forKey: .authTime)
        try container.encodeIfPresent(nonce, forKey: .nonce)
        try container.encodeIfPresent(atHash, forKey: .atHash)
        var claims = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in user { try claims.encode(value, forKey: AnyKey(key)) }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decode(IssuerClaim.self, forKey: .iss)
        aud = try container.decode(AudienceClaim.self, forKey: .aud)
        exp = try container.decode(ExpirationClaim.self, forKey: .exp)
        iat = try container.decode(IssuedAtClaim.self, forKey: .iat)
        authTime = try container.decodeIfPresent(Int.self, forKey: .authTime)
        nonce = try container.decodeIfPresent(String.self, forKey: .nonce)
        atHash = try container.decodeIfPresent(String.self, forKey: .atHash)
        let all = try decoder.container(keyedBy: AnyKey.self)
        var user: [String: ClaimValue] = [:]
        for key in all.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            if let value = try? all.decode(ClaimValue.self, forKey: key) { user[key.stringValue] = value }
        }
        self.user = user
    }

    package func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

enum SHA256Digest {
    static func leftHalf(_ text: String) -> [UInt8] {
        Array(Array(SHA256.hash(data: Data(text.utf8))).prefix(16))
    }
}
