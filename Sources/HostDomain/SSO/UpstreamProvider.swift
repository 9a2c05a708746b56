// UpstreamProvider: an external OpenID provider users may log in with, as the platform configures it (a JSON file).
import Foundation

/// One entry of the `--upstream` file:
/// `[{"id": "franceconnect", "name": "FranceConnect", "issuer": "https://…", "client_id": "…", "client_secret": "…", "scope": "openid profile"}]`.
package struct UpstreamProvider: Codable, Sendable, Equatable {
    package let id: String
    package let name: String
    /// Its issuer; the discovery document is at `<issuer>/.well-known/openid-configuration`.
    package let issuer: String
    package let clientID: String
    package let clientSecret: String
    package let scope: String?

    enum CodingKeys: String, CodingKey {
        case id, name, issuer, scope
        case clientID = "client_id"
        case clientSecret = "client_secret"
    }

    package init(id: String, name: String, issuer: String, clientID: String, clientSecret: String, scope: String? = nil) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
    }

    /// Reads and checks the file; the error says which entry and what to fix.
    package static func load(_ url: URL) throws -> [UpstreamProvider] {
        let providers: [UpstreamProvider]
        do {
            providers = try JSONDecoder().decode([UpstreamProvider].self, from: Data(contentsOf: url))
        } catch {
            throw LoadFailure("cannot read the upstream providers in \(url.path): \(error)")
        }
        for provider in providers {
            guard isValidPublicNameLike(provider.id) else {
                throw LoadFailure("upstream provider id '\(provider.id)' must be 1 to 40 of a-z, 0-9 and '-'")
            }
            guard let url = URL(string: provider.issuer), ["https", "http"].contains(url.scheme ?? "") else {
                throw LoadFailure("upstream provider \(provider.id): issuer '\(provider.issuer)' is not an http(s) URL")
            }
        }
        guard Set(providers.map(\.id)).count == providers.count else { throw LoadFailure("two upstream providers share an id") }
        return providers
    }

    static func isValidPublicNameLike(_ id: String) -> Bool {
        (1...40).contains(id.count) && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
