// ImportRow: one validated line of a user import file.
import Foundation

/// A user as a line of the file describes them.
struct ImportRow: Sendable {
    let line: Int
    let externalID: String
    let firstName: String
    let lastName: String
    let profile: Profile
    let classes: [String]
    let level: String?
    let email: String?
    let birthDate: String?
    /// External ids of this relative's children.
    let children: [String]

    var displayName: String { "\(firstName) \(lastName)" }

    /// Reads and checks one row; every problem of the line is reported.
    static func parse(
        _ row: CSVTable.Row, columns: [ImportColumn: Int], defaultProfile: Profile?, profiles: inout [String: Profile?]
    ) -> Result<ImportRow, ImportFailure> {
        var errors: [ImportError] = []
        func refuse(_ key: String, _ arguments: [String], _ reason: String) {
            errors.append(ImportError(line: row.line, key: key, arguments, reason))
        }
        func refuse(_ key: String, _ reason: String) { refuse(key, [], reason) }
        func cell(_ column: ImportColumn) -> String {
            guard let index = columns[column], index < row.fields.count else { return "" }
            return row.fields[index].trimmed
        }
        if row.fields.count > (columns.values.max() ?? 0) + 1 {
            let expected = String((columns.values.max() ?? 0) + 1)
            refuse(
                "import.field_count", [String(row.fields.count), expected],
                "\(row.fields.count) fields, the header has \(expected): check the separator and quotes")
        }
        // A control character (a NUL cuts a stored name short) is never part of a name, an id or a class.
        for column in [ImportColumn.externalID, .lastName, .firstName, .classes, .level, .email, .children]
        where cell(column).unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            refuse("import.control_character", [column.frenchName], "the \(column.rawValue) contains a control character: remove it")
        }
        let externalID = cell(.externalID)
        if externalID.isEmpty { refuse("import.id_empty", "the external id is empty") }
        if externalID.count > 128 { refuse("import.id_too_long", "the external id is longer than 128 characters") }
        let firstName = cell(.firstName), lastName = cell(.lastName)
        if firstName.isEmpty { refuse("import.first_name_empty", "the first name is empty") }
        if lastName.isEmpty { refuse("import.last_name_empty", "the last name is empty") }
        if firstName.count > 100 || lastName.count > 100 { refuse("import.name_too_long", "a name is longer than 100 characters") }
        var profile = defaultProfile
        let profileText = cell(.profile)
        if !profileText.isEmpty {
            if let known = profiles[profileText] {
                profile = known
            } else {
                profile = Profile(importName: profileText)
                profiles[profileText] = .some(profile)
            }
            if profile == nil {
                refuse(
                    "import.unknown_profile", [profileText],
                    "unknown profile '\(profileText)' (use Élève, Enseignant, Parent, Personnel or Invité)")
            }
        } else if profile == nil {
            refuse("import.profile_empty", "the profile is empty and the import has no --profile")
        }
        let classes = cell(.classes).split(separator: "|").map(\.trimmed).filter { !$0.isEmpty }
        if classes.contains(where: { $0.count > 60 }) { refuse("import.class_too_long", "a class name is longer than 60 characters") }
        let email = cell(.email)
        if !email.isEmpty, !isEmail(email) { refuse("import.bad_email", [email], "'\(email)' is not an email address") }
        let birthText = cell(.birthDate)
        let birthDate = birthText.isEmpty ? nil : isoDate(birthText)
        if !birthText.isEmpty, birthDate == nil {
            refuse("import.bad_birth_date", [birthText], "birth date '\(birthText)' is not a date (use AAAA-MM-JJ or JJ/MM/AAAA)")
        }
        let children = cell(.children).split(separator: "|").map(\.trimmed).filter { !$0.isEmpty }
        if !children.isEmpty, profile != .relative {
            refuse("import.children_not_parent", "only a Parent (Relative) can have children listed")
        }
        guard errors.isEmpty, let profile else {
            return .failure(ImportFailure(errors: errors))
        }
        let level = cell(.level)
        return .success(
            ImportRow(
                line: row.line, externalID: externalID, firstName: firstName, lastName: lastName, profile: profile,
                classes: classes, level: level.isEmpty ? nil : level, email: email.isEmpty ? nil : email.lowercased(),
                birthDate: birthDate, children: children))
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace }) && text.count <= 254
    }

    /// `YYYY-MM-DD` or `DD/MM/YYYY` to `YYYY-MM-DD`, if it is a real past date.
    static func isoDate(_ text: String) -> String? {
        let numbers: [Int]
        if text.contains("/") {
            numbers = text.split(separator: "/").compactMap { Int($0) }.reversed()
        } else {
            numbers = text.split(separator: "-").compactMap { Int($0) }
        }
        guard numbers.count == 3 else { return nil }
        let (year, month, day) = (numbers[0], numbers[1], numbers[2])
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        let calendar = Calendar(identifier: .gregorian)
        guard (1900...2100).contains(year), let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month, date < Date()
        else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
