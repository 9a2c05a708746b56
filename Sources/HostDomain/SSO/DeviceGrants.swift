// DeviceGrants: the device authorization grant (RFC 8628) — codes for a device, the user's decision at /device, polling with slow_down.
import Foundation
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

    let storage: any SSOGrantsStorage
    package var lifetime: TimeInterval = 600
    package var interval = 5

    package init(storage: any SSOGrantsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.ssoGrants)
    }

    /// 8 letters without vowels nor look-alikes, shown as XXXX-XXXX: 20^8 ≈ 2.6·10^10 codes, a guess needs a logged-in user, a code lives ten minutes.
    static let alphabet = Array("BCDFGHJKLMNPQRSTVWXZ")

    package func start(clientID: String, scope: [String], now: Date = Date()) throws -> Started {
        let deviceCode = SessionStore.randomToken()
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<8).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt32(Self.alphabet.count)))] }
        let userCode = String(letters[0..<4]) + "-" + String(letters[4..<8])
        try storage.insertDeviceCode(
            hash: SessionStore.hash(deviceCode), userCode: userCode, clientID: clientID, scope: scope.joined(separator: " "),
            expiresAt: now.addingTimeInterval(lifetime), intervalSeconds: interval)
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
        try storage.pendingDeviceCode(userCode: Self.normalize(userCode), now: now).map {
            Pending(userCode: $0.userCode, clientID: $0.clientID, scope: $0.scope.split(separator: " ").map(String.init))
        }
    }

    package func decide(userCode: String, userID: String, schoolID: String, approve: Bool, now: Date = Date()) throws {
        let code = Self.normalize(userCode)
        try storage.decideDeviceCode(
            userCode: code, approved: approve, userID: userID, schoolID: schoolID, now: now,
            audit: AuditEntry(at: now, action: approve ? "sso.device.approve" : "sso.device.deny", actor: userID, target: code))
    }

    /// One poll of the device: the grant once approved (once only), or the RFC 8628 error to answer.
    package func poll(deviceCode: String, clientID: String, now: Date = Date()) throws -> OAuthGrants.Grant {
        let hash = SessionStore.hash(deviceCode)
        let outcome = try storage.pollDeviceCode(hash: hash) { code -> (DevicePollChange?, Result<OAuthGrants.Grant, OAuthError>) in
            guard code.clientID == clientID else { return (nil, .failure(OAuthError("invalid_grant", "unknown device_code"))) }
            guard !code.used else { return (nil, .failure(OAuthError("invalid_grant", "this device_code was already exchanged"))) }
            guard let expires = code.expiresAt, expires > now else {
                return (nil, .failure(OAuthError("expired_token", "the codes expired: start again")))
            }
            if let last = code.lastPollAt, now.timeIntervalSince(last) < Double(code.intervalSeconds) {
                // Too fast: wait 5 more seconds between polls from now on.
                let slower = code.intervalSeconds + 5
                return (
                    DevicePollChange(lastPollAt: now, intervalSeconds: slower),
                    .failure(OAuthError("slow_down", "poll every \(slower) seconds at most"))
                )
            }
            switch code.decision {
            case nil:
                return (
                    DevicePollChange(lastPollAt: now),
                    .failure(OAuthError("authorization_pending", "the user has not entered the code yet"))
                )
            case "denied"?:
                return (DevicePollChange(lastPollAt: now), .failure(OAuthError("access_denied", "the user refused")))
            default:
                let grant = OAuthGrants.Grant(
                    family: hash, clientID: clientID, userID: code.userID ?? "", schoolID: code.schoolID ?? "",
                    scope: code.scope.split(separator: " ").map(String.init), nonce: nil, authTime: now)
                return (DevicePollChange(lastPollAt: now, markUsed: true), .success(grant))
            }
        }
        guard let outcome else { throw OAuthError("invalid_grant", "unknown device_code") }
        return try outcome.get()
    }
}
