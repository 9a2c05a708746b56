// OIDCClaims: what the provider tells a tool about a user — subject (public or pairwise), names, profile, school and classes, email — per granted scope.
import Crypto
import Foundation
import HostStorage

/// The claims of the ID token and of `/oauth2/userinfo`. `sub` is the user's id for a tool
/// registered "public", and for a "pairwise" tool an HMAC of the user and the tool under an
/// installation secret: stable for that tool, useless to link the user across tools.
package struct OIDCClaims: Sendable {
    let storage: any OIDCClaimsStorage

    package init(storage: any OIDCClaimsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.oidcClaims)
    }

    package func subject(userID: String, client: SSOClients.Client) throws -> String {
        guard client.subjectType == "pairwise" else { return userID }
        let salt = try pairwiseSalt()
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(client.id):\(userID)".utf8), using: SymmetricKey(data: Data(salt.utf8)))
        return SigningKeys.base64URL(Data(mac))
    }

    /// The claims `scope` releases about `userID` in `schoolID`, `sub` included.
    package func claims(userID: String, schoolID: String?, client: SSOClients.Client, scope: [String]) throws -> [String: ClaimValue] {
        var claims: [String: ClaimValue] = ["sub": .string(try subject(userID: userID, client: client))]
        guard let user = try storage.facts(userID: userID, schoolID: schoolID) else { return claims }
        if scope.contains("profile") {
            claims["name"] = .string(user.displayName)
            claims["given_name"] = .string(user.firstName)
            claims["family_name"] = .string(user.lastName)
            claims["cartable_profile"] = .string(user.profile)
        }
        if scope.contains("email"), let email = user.email, !email.isEmpty {
            claims["email"] = .string(email)
        }
        if scope.contains("school"), let school = user.school {
            claims["school_uai"] = .string(school.uai)
            claims["school_name"] = .string(school.name)
            claims["classes"] = .strings(user.classNames)
        }
        return claims
    }

    private func pairwiseSalt() throws -> String {
        try storage.secret("pairwise") { SessionStore.randomToken() }
    }
}

/// A claim's value: text or a list of texts.
package enum ClaimValue: Codable, Sendable, Equatable {
    case string(String)
    case strings([String])

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .strings(try container.decode([String].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .strings(let list): try container.encode(list)
        }
    }
}
