// SchoolRecord: a school as stored — its id, UAI, name, authority and pilot flag.

package struct SchoolRecord: Sendable, Equatable {
    package let id: String
    package let uai: String
    package let name: String
    package let authorityID: String
    package let pilot: Bool

    package init(id: String, uai: String, name: String, authorityID: String, pilot: Bool) {
        self.id = id
        self.uai = uai
        self.name = name
        self.authorityID = authorityID
        self.pilot = pilot
    }

    /// From a row with the columns id, uai, name, authority_id and pilot.
    package init(row: SQLRow) {
        self.init(id: row["id"], uai: row["uai"], name: row["name"], authorityID: row["authority_id"], pilot: row["pilot"])
    }
}
