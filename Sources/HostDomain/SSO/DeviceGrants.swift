// DeviceGrants: the device authorization grant (RFC 8628) — codes for a device, the user's decision at /device, polling with slow_down.
import Foundation
import GRDB
import HostStorage

/// A device without a keyboard worth the name (a phone app, a classroom screen) asks for a
/// pair of codes, shows the short one, and polls while the user enters it on /device.
package struct DeviceGrants: Sendable {
    package struct Started: Sendable {
        package let deviceCode: String
        package let userCode: String
        package let expiresIn: Int
        package let interval: Int
    }

    /// A pending request as the /device page shows it.
    package struct Pending: Sendable {
        package let userCode: String
        package let clientID: String
        package let scope: [String]
    }

    let database: SQLiteDatabase
    package var lifetime: TimeInterval = 600
    package var interval = 5

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// 8 letters without vowels nor look-alikes, shown as XXXX-XXXX: 20^8 ≈ 2.6·10^10 codes, a guess needs a logged-in user, a code lives ten minutes.
    static let alphabet = Array("BCDFGHJKLMNPQRSTVWXZ")

    package func start(clientID: String, scope: [String], now: Date = Date()) throws -> Started {
        let deviceCode = SessionStore.randomToken()
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<8).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt32(Self.alphabet.count)))] }
        let userCode = String(letters[0..<4]) + "-" + String(letters[4..<8])
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_device_codes (device_code_hash, user_code, client_id, scope, expires_at, interval_seconds) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    SessionStore.hash(deviceCode), userCode, clientID, scope.joined(separator: " "),
                    now.addingTimeInterval(lifetime).formatted(.iso8601), interval,
                ])
        }
        return Started(deviceCode: deviceCode, userCode: userCode, expiresIn: Int(lifetime), interval: interval)
    }

    /// "bcdf ghjk", "BCDF-GHJK"… → "BCDF-GHJK".
    package static func normalize(_ typed: String) -> String {
        let letters = typed.uppercased().filter { alphabet.contains($0) }
        guard letters.count == 8 else { return typed }
        return String(letters.prefix(4)) + "-" + String(letters.suffix(4))
    }

    /// The undecided, unexpired request with this user code.
    package func pending(userCode: String, now: Date = Date()) throws -> Pending? {
        try database.pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT user_code, client_id, scope FROM sso_device_codes WHERE user_code = ? AND decision IS NULL AND expires_at > ?",
                arguments: [Self.normalize(userCode), now.formatted(.iso8601)]
            ).map {
                Pending(
                    userCode: $0["user_code"], clientID: $0["client_id"],
                    scope: ($0["scope"] as String).split(separator: " ").map(String.init))
            }
        }
    }

    package func decide(userCode: String, userID: String, schoolID: String, approve: Bool, now: Date = Date()) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE sso_device_codes SET decision = ?, user_id = ?, school_id = ? WHERE user_code = ? AND decision IS NULL AND expires_at > ?
                    """, arguments: [approve ? "approved" : "denied", userID, schoolID, Self.normalize(userCode), now.formatted(.iso8601)])
            try AuditLog.record(
                db, at: now, action: approve ? "sso.device.approve" : "sso.device.deny", actor: userID, target: Self.normalize(userCode))
        }
    }

    /// One poll of the device: the grant once approved (once only), or the RFC 8628 error to answer.
    package func poll(deviceCode: String, clientID: String, now: Date = Date()) throws -> OAuthGrants.Grant {
        let hash = SessionStore.hash(deviceCode)
        let outcome: Result<OAuthGrants.Grant, OAuthError> = try database.pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sso_device_codes WHERE device_code_hash = ?", arguments: [hash]),
                row["client_id"] as String == clientID
            else { return .failure(OAuthError("invalid_grant", "unknown device_code")) }
            guard (row["used_at"] as String?) == nil else {
                return .failure(OAuthError("invalid_grant", "this device_code was already exchanged"))
            }
            guard let expires = try? Date(row["expires_at"] as String, strategy: .iso8601), expires > now else {
                return .failure(OAuthError("expired_token", "the codes expired: start again"))
            }
            let interval = row["interval_seconds"] as Int
            if let last = (row["last_poll_at"] as String?).flatMap({ try? Date($0, strategy: .iso8601) }),
                now.timeIntervalSince(last) < Double(interval)
            {
                // Too fast: wait 5 more seconds between polls from now on.
                try db.execute(
                    sql: "UPDATE sso_device_codes SET interval_seconds = ?, last_poll_at = ? WHERE device_code_hash = ?",
                    arguments: [interval + 5, now.formatted(.iso8601), hash])
                return .failure(OAuthError("slow_down", "poll every \(interval + 5) seconds at most"))
            }
            try db.execute(
                sql: "UPDATE sso_device_codes SET last_poll_at = ? WHERE device_code_hash = ?", arguments: [now.formatted(.iso8601), hash])
            switch row["decision"] as String? {
            case nil: return .failure(OAuthError("authorization_pending", "the user has not entered the code yet"))
            case "denied"?: return .failure(OAuthError("access_denied", "the user refused"))
            default:
                try db.execute(
                    sql: "UPDATE sso_device_codes SET used_at = ? WHERE device_code_hash = ?", arguments: [now.formatted(.iso8601), hash])
                return .success(
                    OAuthGrants.Grant(
                        family: hash, clientID: clientID, userID: row["user_id"], schoolID: row["school_id"],
                        scope: (row["scope"] as String).split(separator: " ").map(String.init), nonce: nil, authTime: now))
            }
        }
        return try outcome.get()
    }
}
