// OIDCClaims: what the provider tells a tool about a user — subject (public or pairwise), names, profile, school and classes, email — per granted scope.
import Crypto
import Foundation
import GRDB
import HostStorage

/// The claims of the ID token and of `/oauth2/userinfo`. `sub` is the user's id for a tool
/// registered "public", and for a "pairwise" tool an HMAC of the user and the tool under an
/// installation secret: stable for that tool, useless to link the user across tools.
package struct OIDCClaims: Sendable {
    let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
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
        try database.pool.read { db in
            guard
                let user = try Row.fetchOne(
                    db, sql: "SELECT first_name, last_name, display_name, profile, email FROM users WHERE id = ?", arguments: [userID])
            else { return }
            if scope.contains("profile") {
                claims["name"] = .string(user["display_name"])
                claims["given_name"] = .string(user["first_name"])
                claims["family_name"] = .string(user["last_name"])
                claims["cartable_profile"] = .string(user["profile"])
            }
            if scope.contains("email"), let email = user["email"] as String?, !email.isEmpty {
                claims["email"] = .string(email)
            }
            if scope.contains("school"), let schoolID,
                let school = try Row.fetchOne(db, sql: "SELECT uai, name FROM schools WHERE id = ?", arguments: [schoolID])
            {
                claims["school_uai"] = .string(school["uai"])
                claims["school_name"] = .string(school["name"])
                claims["classes"] = .strings(
                    try String.fetchAll(
                        db,
                        sql: """
                            SELECT c.name FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                            """, arguments: [userID, schoolID]))
            }
        }
        return claims
    }

    private func pairwiseSalt() throws -> String {
        if let salt = try database.pool.read({ db in try String.fetchOne(db, sql: "SELECT value FROM sso_secrets WHERE name = 'pairwise'") }
        ) {
            return salt
        }
        return try database.pool.write { db in
            if let salt = try String.fetchOne(db, sql: "SELECT value FROM sso_secrets WHERE name = 'pairwise'") { return salt }
            let salt = SessionStore.randomToken()
            try db.execute(sql: "INSERT INTO sso_secrets (name, value) VALUES ('pairwise', ?)", arguments: [salt])
            return salt
        }
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
