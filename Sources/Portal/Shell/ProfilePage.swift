// ProfilePage: the own-profile form (fields, avatar, export) and the view of another user's profile.
import CartableText
import HostDomain
import HostLocales

struct ProfilePage {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ arguments: String...) -> HTML {
        HTML(text: localizer.text(key, language, arguments.first ?? ""))
    }

    /// The language choices: the browser's, or one of the portal's languages (each named in itself).
    private func languageOptions(_ chosen: String?) -> HTML {
        let choices: [(String, HTML)] = [("", t("profile.language_browser")), ("fr", "Français"), ("en", "English")]
        return choices.map { value, name -> HTML in
            let selected: HTML = (chosen ?? "") == value ? " selected" : ""
            let lang: HTML = value.isEmpty ? "" : " lang=\"\(value)\""
            return "<option value=\"\(value)\"\(selected)\(lang)>\(name)</option>"
        }.joined()
    }

    /// Where I belong: my schools, my classes in the current school, and a parent's children there.
    func belonging(_ identity: CallerIdentity?) -> HTML {
        guard let identity else { return "" }
        let rows: [(String, [String])] = [
            ("profile.schools", identity.schools.map(\.name)), ("profile.classes", identity.classes.map(\.name)),
            ("profile.children", identity.children.map(\.displayName)),
        ]
        let items = rows.filter { !$0.1.isEmpty }.map { key, names -> HTML in
            "<dt>\(t(key))</dt><dd>\(names.joined(separator: ", "))</dd>"
        }
        return items.isEmpty ? "" : "<dl class=\"belonging\">\(items.joined())</dl>"
    }

    func form(
        _ profile: OwnProfile, userID: String, hasAvatar: Bool, identity: CallerIdentity?, csrf: String, message: String?, isError: Bool,
        email: (address: String, confirmed: Bool)? = nil, mailEnabled: Bool = false
    ) -> HTML {
        let check = { (flag: Bool) -> HTML in flag ? " checked" : "" }
        let banner = message.map { ConsoleHTML.paragraph($0, role: isError ? "alert" : "status", className: isError ? "error" : "notice") }
        return """
            \(banner)
            \(avatar(userID: userID, hasAvatar: hasAvatar, name: profile.displayName))
            <p>\(t("profile.login", profile.login))</p>
            \(belonging(identity))
            <form method="post" action="/profile">
            <input type="hidden" name="_csrf" value="\(csrf)">
            <p><label for="display_name">\(t("profile.display_name"))</label><br>
            <input id="display_name" name="display_name" required maxlength="100" value="\(profile.displayName)"></p>
            <p><label for="motto">\(t("profile.motto"))</label><br>
            <input id="motto" name="motto" maxlength="200" value="\(profile.motto)"></p>
            <p><label for="language">\(t("profile.language"))</label><br>
            <select id="language" name="language">\(languageOptions(profile.language))</select></p>
            <fieldset><legend>\(t("profile.visibility"))</legend>
            <p><input type="checkbox" id="show_email" name="show_email" value="1"\(check(profile.showEmail))> <label for="show_email">\(t("profile.show_email"))</label></p>
            <p><input type="checkbox" id="show_birth_date" name="show_birth_date" value="1"\(check(profile.showBirthDate))> <label for="show_birth_date">\(t("profile.show_birth_date"))</label></p>
            <p><input type="checkbox" id="show_motto" name="show_motto" value="1"\(check(profile.showMotto))> <label for="show_motto">\(t("profile.show_motto"))</label></p>
            </fieldset>
            <p><button type="submit">\(t("profile.save"))</button></p>
            </form>
            <h2>\(t("avatar.title"))</h2>
            <form method="post" action="/profile/avatar" enctype="multipart/form-data">
            <input type="hidden" name="_csrf" value="\(csrf)">
            <p><label for="avatar">\(t("avatar.choose"))</label><br>
            <input type="file" id="avatar" name="avatar" accept="image/png,image/jpeg" required aria-describedby="avatar-help">
            <br><small id="avatar-help">\(t("avatar.help"))</small></p>
            <p><button type="submit">\(t("avatar.upload"))</button></p>
            </form>
            \(hasAvatar ? removeAvatar(csrf: csrf) : "")
            <h2>\(t("password.title"))</h2>
            <p><a class="button" href="/profile/password">\(t("password.change_title"))</a></p>
            \(emailSection(email, mailEnabled: mailEnabled, csrf: csrf))
            <h2>\(t("export.title"))</h2>
            <p>\(t("export.help"))</p>
            <p><a href="/profile/export" download>\(t("export.download"))</a></p>
            <h2>\(t("tools.title"))</h2>
            <p><a href="/profile/tools">\(t("tools.link"))</a></p>
            """
    }

    /// The address the school recorded, whether its owner confirmed it, and the way to confirm it.
    private func emailSection(_ email: (address: String, confirmed: Bool)?, mailEnabled: Bool, csrf: String) -> HTML {
        guard let email else { return "<h2>\(t("email.title"))</h2><p>\(t("email.none"))</p>" }
        let state: HTML =
            email.confirmed
            ? "<span class=\"badge neutral\">\(t("email.state_confirmed"))</span>"
            : "<span class=\"badge neutral\">\(t("email.state_unconfirmed"))</span>"
        let confirm: HTML =
            email.confirmed || !mailEnabled
            ? ""
            : """
            <form method="post" action="/profile/email/confirm">
            <input type="hidden" name="_csrf" value="\(csrf)">
            <p><button type="submit" class="secondary">\(t("email.send_link"))</button></p>
            </form>
            """
        return """
            <h2>\(t("email.title"))</h2>
            <p>\(email.address) \(state)</p>
            <p>\(t(email.confirmed ? "email.help_confirmed" : "email.help_unconfirmed"))</p>
            \(confirm)
            """
    }

    private func removeAvatar(csrf: String) -> HTML {
        """
        <form method="post" action="/profile/avatar/delete">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <p><button type="submit">\(t("avatar.remove"))</button></p>
        </form>
        """
    }

    /// Another user's profile, within what the viewer may see.
    func other(_ person: VisibleProfile, csrf: String) -> HTML {
        guard !person.isAnonymized else { return "<p>\(t("profile.anonymized"))</p>" }
        var rows = [(t("profile.profile"), t("profile.kind.\(person.profile.rawValue)"))]
        if !person.schools.isEmpty { rows.append((t("profile.schools"), HTML(text: person.schools.joined(separator: ", ")))) }
        if !person.classes.isEmpty { rows.append((t("profile.classes"), HTML(text: person.classes.joined(separator: ", ")))) }
        if let motto = person.motto { rows.append((t("profile.motto"), HTML(text: motto))) }
        if let email = person.email {
            rows.append((t("profile.email"), "<a href=\"mailto:\(email)\">\(email)</a>"))
        }
        if let birthDate = person.birthDate { rows.append((t("profile.birth_date"), HTML(text: birthDate))) }
        let list = rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" as HTML }
        let admin = person.viewerIsAdmin ? adminActions(person.id, csrf: csrf) : ""
        return "\(avatar(userID: person.id, hasAvatar: person.hasAvatar, name: person.displayName))<dl>\(list)</dl>\(admin)"
    }

    /// What an admin of the person's school may do with the account.
    private func adminActions(_ id: String, csrf: String) -> HTML {
        let user = id, token = csrf
        return """
            <h2>\(t("admin.account_actions"))</h2>
            <form method="post" action="/admin/users/\(user)/reset-code"><input type="hidden" name="_csrf" value="\(token)">\
            <button type="submit">\(t("admin.reset_code"))</button></form>
            <form method="post" action="/admin/users/\(user)/revoke-sessions"><input type="hidden" name="_csrf" value="\(token)">\
            <button type="submit">\(t("admin.revoke_sessions"))</button></form>
            <p><a href="/admin/users/\(user)/anonymize">\(t("admin.anonymize"))</a></p>
            """
    }

    /// The avatar picture, or the initials when there is none.
    private func avatar(userID: String, hasAvatar: Bool, name: String) -> HTML {
        "<p>\(Avatar.of(name: name, id: userID, hasPicture: hasAvatar, size: .large, alt: localizer.text("avatar.alt", language, name)))</p>"
    }
}
