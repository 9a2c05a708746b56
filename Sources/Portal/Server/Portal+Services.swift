// Portal+Services: the domain services routes use, each over the portal's database, so that no route holds a database handle.
import HostDomain
import HostStorage
import PluginRuntime

extension Portal {
    package var directory: Directory { Directory(database: database) }
    package var accountBlocking: AccountBlocking { AccountBlocking(database: database) }
    package var bulkAccounts: BulkAccounts { BulkAccounts(database: database) }
    package var activationCodes: ActivationCodeExport { ActivationCodeExport(database: database) }
    package var adminFunctions: AdminFunctions { AdminFunctions(database: database) }
    package var manualGroups: ManualGroups { ManualGroups(database: database) }
    package var roles: Roles { Roles(database: database) }
    package var userImport: UserImport { UserImport(database: database) }
    package var moduleEnablement: ModuleEnablement { ModuleEnablement(database: database) }
    package var timeline: Timeline { Timeline(database: database) }
    package var throttle: AttemptThrottle { AttemptThrottle(database: database) }
    package var ssoClients: SSOClients { SSOClients(database: database) }
    package var signingKeys: SigningKeys { SigningKeys(database: database) }
    package var oauthGrants: OAuthGrants { OAuthGrants(database: database) }
    package var deviceGrants: DeviceGrants { DeviceGrants(database: database) }
    package var oidcClaims: OIDCClaims { OIDCClaims(database: database) }
    package var ssoConsents: SSOConsents { SSOConsents(database: database) }
    package var casTickets: CASTickets { CASTickets(database: database, lifetime: configuration.casTicketLifetime) }
    var personalData: PersonalData { PersonalData(database: database, plugins: plugins.serving) }

    /// The admin functions `userID` holds. Reads the database: call it off the event loop.
    package func adminRights(userID: String) throws -> AdminRights {
        try AdminRights.load(userID: userID, database: database)
    }

    /// Lets `act` by `adminID` (holding `rights`) on `userID`'s account go ahead, or throws the audited refusal.
    package func requireAct(_ act: String, on userID: String, rights: AdminRights, adminID: String, address: String?) throws {
        try rights.requireAct(act, on: userID, adminID: adminID, address: address, database: database)
    }

    /// The school's classes, groups and roles, for the console's school page.
    package func schoolOverview(schoolID: String) throws -> SchoolOverview {
        try database.accessReports.schoolOverview(schoolID: schoolID)
    }

    /// The documents and visits of `pluginIDs` in each of `schoolIDs`, for the console.
    package func moduleUsage(schoolIDs: [String], pluginIDs: [String]) throws -> [String: [String: ModuleUsage.Figures]] {
        try database.accessReports.usage(schoolIDs: schoolIDs, pluginIDs: pluginIDs)
    }

    /// A page of the audit log as the admin `userID` may read it; nil when they are no admin.
    package func auditPage(forAdmin userID: String, before: Int64?, action: String?) throws -> [AuditLogReader.Entry]? {
        try AuditLogReader.page(forAdmin: userID, before: before, action: action, database: database)
    }

    /// The display name of `userID` (nil: no such account) and why `adminID` may not act on it (nil: they may).
    package func standing(of adminID: String, toActOn userID: String) throws -> (name: String?, refusal: AccountActRefusal?) {
        try AdminRights.standing(of: adminID, toActOn: userID, database: database)
    }

    /// The upstream identity waiting to be linked under `token`, if any.
    package func pendingUpstream(_ token: String) throws -> (provider: String, subject: String, name: String?)? {
        try UpstreamLogin.pending(token, storage: database.upstreamLogins)
    }

    /// Links the upstream identity waiting under `token` to `userID`.
    package func linkUpstream(_ token: String, to userID: String) throws {
        try UpstreamLogin.link(token, to: userID, storage: database.upstreamLogins)
    }

    /// The user's own profile, as they edit it.
    package func ownProfile(userID: String) throws -> OwnProfile? {
        try OwnProfile.load(userID: userID, database: database)
    }

    /// Saves the user's edited profile.
    package func save(_ profile: OwnProfile, userID: String) throws {
        try profile.save(userID: userID, database: database)
    }

    /// Stores the user's avatar (an already re-encoded PNG), audited from `address`.
    package func saveAvatar(_ png: [UInt8], userID: String, address: String?) throws {
        try Avatars.save(png, userID: userID, address: address, database: database)
    }

    /// Removes the user's avatar, audited from `address`.
    package func removeAvatar(userID: String, address: String?) throws {
        try Avatars.remove(userID: userID, address: address, database: database)
    }

    /// Whether the user has an avatar.
    package func hasAvatar(userID: String) throws -> Bool {
        try Avatars.exists(userID: userID, database: database)
    }

    /// The profile of `personID` as `viewerID` may see it; nil when they may not.
    package func visibleProfile(of personID: String, to viewerID: String) throws -> VisibleProfile? {
        try VisibleProfile.load(viewerID: viewerID, personID: personID, database: database)
    }

    /// The avatar of `personID` when `viewerID` is them or may see their profile; nil otherwise or when there is none.
    package func avatar(of personID: String, to viewerID: String) throws -> [UInt8]? {
        try Avatars.load(userID: personID, seenBy: viewerID, database: database)
    }

    /// The sign-in through the upstream provider `provider`.
    package func upstreamLogin(_ provider: UpstreamProvider) -> UpstreamLogin {
        UpstreamLogin(database: database, provider: provider, portalIssuer: configuration.issuer)
    }
}
