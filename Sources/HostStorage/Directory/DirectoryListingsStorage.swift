// DirectoryListingsStorage: the lists the console shows — schools, authorities, a school's accounts — and small look-ups about a user.
import Foundation

/// A school with its authority's name, current members and admins.
package struct SchoolListingRecord: Sendable {
    package let school: SchoolRecord
    package let authority: String
    package let members: Int
    package let admins: [AdminHolder]
}

/// An authority with its count of schools and its admins.
package struct AuthorityListingRecord: Sendable {
    package let id: String
    package let name: String
    package let schools: Int
    package let admins: [AdminHolder]
}

/// An account of a school as the console lists it.
package struct AccountListingRecord: Sendable, Equatable {
    package let id: String
    package let login: String
    package let name: String
    package let profile: String
    /// Its classes in the school, by name, comma-separated.
    package let classes: String
    package let state: String
}

package protocol DirectoryListingsStorage: Sendable {
    /// Every school, by name.
    func schools() throws -> [SchoolRecord]
    func school(id: String) throws -> SchoolRecord?
    func authorityNames() throws -> [(id: String, name: String)]
    func authorityListings() throws -> [AuthorityListingRecord]
    /// The schools `included` keeps, by authority then name, with their admins.
    func schoolListings(where included: (SchoolRecord) -> Bool) throws -> [SchoolListingRecord]
    /// A page of the school's current members whose login or name contains `query` (literally), in `className` when not empty.
    func accounts(schoolID: String, query: String, className: String, offset: Int, limit: Int) throws -> [AccountListingRecord]
    func authorityName(id: String) throws -> String?
    /// The school a user lands in: the one of their last session if they still belong to it, else the first by name.
    func loginSchool(userID: String) throws -> String?
    /// Every school the user belongs or belonged to, by UAI.
    func schoolsEver(userID: String) throws -> [(id: String, uai: String)]
    func login(userID: String) throws -> String?
}

extension HostDatabase {
    /// The console's lists in this database.
    package var directoryListings: any DirectoryListingsStorage { SQLDirectoryListingsStorage(database: self) }
}
