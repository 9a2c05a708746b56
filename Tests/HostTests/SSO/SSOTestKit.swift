// SSOTestKit: a tool registered by the demo region's admin for the collège, as the SSO tests need one.
import Foundation
import HostDomain
import HostStorage
import Testing

enum SSOTestKit {
    /// Registers a tool for the collège as nadia.benali would in the console; returns it, its secret (if any) and the collège's id.
    static func registerForCollege(
        _ database: HostDatabase, name: String, addresses: [String], configure: (inout SSOClients.Registration) -> Void = { _ in }
    )
        throws -> (client: SSOClients.Client, secret: String?, college: String)
    {
        let nadia = try #require(try Directory(database: database).userID(login: "nadia.benali"))
        let (college, authority) = try database.read { db in
            (
                try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") ?? "",
                try String.fetchOne(db, sql: "SELECT authority_id FROM schools WHERE uai = '0750001A'")
            )
        }
        var registration = SSOClients.Registration(name: name, redirectURIs: addresses, schoolIDs: [college])
        configure(&registration)
        let rights = try AdminRights.load(userID: nadia, database: database)
        let (client, secret) = try SSOClients(database: database).register(registration, rights: rights, authorityID: authority, by: nadia)
        return (client, secret, college)
    }
}
