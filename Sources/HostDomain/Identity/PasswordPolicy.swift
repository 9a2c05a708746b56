// PasswordPolicy: what a chosen password must satisfy, with a message per rule (docs/admin-guide.md).
/// The documented rules: 10 to 128 characters; three kinds of characters among lower case,
/// upper case, digits and others, unless it is a passphrase of 16 characters or more; not
/// containing the login, the first name or the last name.
package enum PasswordPolicy {
    package static let minimumLength = 10
    package static let passphraseLength = 16
    package static let maximumBytes = 128

    /// The locale key of the first rule `password` breaks, or nil when it is acceptable.
    package static func violation(_ password: String, login: String, firstName: String, lastName: String) -> String? {
        if password.count < minimumLength { return "password.too_short" }
        if password.utf8.count > maximumBytes { return "password.too_long" }
        // Compared without case or accents: "Eloise" counts as the name "Éloïse".
        let folded = LoginMaker.fold(password)
        let parts =
            [login] + [firstName, lastName].flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" }).map(String.init) }
        for part in parts.map(LoginMaker.fold) where part.count >= 3 && folded.contains(part) {
            return "password.contains_name"
        }
        if password.count < passphraseLength {
            let kinds = [
                password.contains(where: \.isLowercase), password.contains(where: \.isUppercase),
                password.contains(where: \.isNumber), password.contains { !$0.isLetter && !$0.isNumber },
            ].filter { $0 }.count
            if kinds < 3 { return "password.too_simple" }
        }
        return nil
    }
}
