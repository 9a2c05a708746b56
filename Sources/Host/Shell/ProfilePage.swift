// ProfilePage: the form where users edit their own profile.
import CartableText

struct ProfilePage {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ arguments: String...) -> String {
        escapeHTML(localizer.text(key, language, arguments.first ?? ""))
    }

    func form(_ profile: OwnProfile, csrf: String, message: String?, isError: Bool) -> String {
        let check = { (flag: Bool) in flag ? " checked" : "" }
        return """
            \(message.map { "<p class=\"\(isError ? "error" : "notice")\" role=\"\(isError ? "alert" : "status")\">\(escapeHTML($0))</p>" } ?? "")
            <p>\(t("profile.login", profile.login))</p>
            <form method="post" action="/profile">
            <input type="hidden" name="_csrf" value="\(escapeHTML(csrf))">
            <p><label for="display_name">\(t("profile.display_name"))</label><br>
            <input id="display_name" name="display_name" required maxlength="100" value="\(escapeHTML(profile.displayName))"></p>
            <p><label for="motto">\(t("profile.motto"))</label><br>
            <input id="motto" name="motto" maxlength="200" value="\(escapeHTML(profile.motto))"></p>
            <fieldset><legend>\(t("profile.visibility"))</legend>
            <p><input type="checkbox" id="show_email" name="show_email" value="1"\(check(profile.showEmail))> <label for="show_email">\(t("profile.show_email"))</label></p>
            <p><input type="checkbox" id="show_birth_date" name="show_birth_date" value="1"\(check(profile.showBirthDate))> <label for="show_birth_date">\(t("profile.show_birth_date"))</label></p>
            <p><input type="checkbox" id="show_motto" name="show_motto" value="1"\(check(profile.showMotto))> <label for="show_motto">\(t("profile.show_motto"))</label></p>
            </fieldset>
            <p><button type="submit">\(t("profile.save"))</button></p>
            </form>
            """
    }
}
