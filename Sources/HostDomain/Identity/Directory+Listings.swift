// Directory+Listings: the lists the console shows — schools, authorities, a school's accounts — each read once.
import Foundation
import HostStorage

extension Directory {
    /// A school with its authority's name, its current members and its school admins.
    package typealias SchoolListing = SchoolListingRecord
    package typealias AuthorityListing = AuthorityListingRecord
    package typealias Account = AccountListingRecord

    var listings: any DirectoryListingsStorage { database.directoryListings }

    /// Every school, by name.
    package func schools() throws -> [School] { try listings.schools() }

    package func school(id: String) throws -> School? { try listings.school(id: id) }

    /// Every authority's id and name, by name.
    package func authorityNames() throws -> [(id: String, name: String)] { try listings.authorityNames() }

    /// Every authority with its count of schools and its admins, by name.
    package func authorityListings() throws -> [AuthorityListing] { try listings.authorityListings() }

    /// The schools `included` keeps, by authority then name, with their members and admins.
    package func schoolListings(where included: (School) -> Bool) throws -> [SchoolListing] { try listings.schoolListings(where: included) }

    /// A page of the school's current members whose login or name contains `query`, in `className` when not empty.
    package func accounts(schoolID: String, query: String, className: String, offset: Int, limit: Int) throws -> [Account] {
        try listings.accounts(schoolID: schoolID, query: query, className: className, offset: offset, limit: limit)
    }

    package func authorityName(id: String) throws -> String? { try listings.authorityName(id: id) }

    /// The school a user lands in after logging in: their last session's if they still belong to it, else the first by name.
    package func loginSchool(userID: String) throws -> String? { try listings.loginSchool(userID: userID) }

    /// Every school the user belongs or belonged to, by UAI.
    package func schoolsEver(userID: String) throws -> [(id: String, uai: String)] { try listings.schoolsEver(userID: userID) }

    package func login(userID: String) throws -> String? { try listings.login(userID: userID) }
}
