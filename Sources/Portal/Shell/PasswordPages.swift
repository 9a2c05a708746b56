// PasswordPages: the forms of a password change, a forgotten password and its reset link, inside the portal page.
import CartableText
import Foundation
import HostLocales

extension AuthPages {
    /// Changing one's password: the current one, the policy, the new one twice. Typed
    /// passwords are never written back into the page.
    func passwordChange(csrf: String, error: String?) -> HTML {
        """
        \(Self.alert(error))
        <form method="post" action="/profile/password">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <p><label for="current">\(t("password.current"))</label><br>
        <input id="current" name="current" type="password" autocomplete="current-password" required></p>
        \(newPasswordFields)
        <p><button type="submit">\(t("password.change_submit"))</button></p>
        </form>
        <p>\(t("password.change_ends_sessions"))</p>
        """
    }

    /// The policy, then the new password and its confirmation.
    var newPasswordFields: HTML {
        """
        <p id="rules">\(t("activation.rules"))</p>
        <p><label for="password">\(t("password.new"))</label><br>
        <input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="rules" required maxlength="128"></p>
        <p><label for="confirm">\(t("activation.confirm"))</label><br>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="128"></p>
        """
    }
}

extension AuthPages {
    /// Asking for a reset link: the login, and the school (to name its admins when no mail can be sent).
    func forgot(csrf: String, login: String, schools: [(uai: String, name: String)], chosen: String?, mailEnabled: Bool) -> HTML {
        let options = schools.map { school -> HTML in
            "<option value=\"\(school.uai)\"\(school.uai == chosen ? " selected" : "")>\(school.name)</option>"
        }
        return """
            <p>\(t(mailEnabled ? "reset.help_mail" : "reset.help_admins"))</p>
            <form method="post" action="/auth/forgot">
            <input type="hidden" name="_csrf" value="\(csrf)">
            <p><label for="login">\(t("auth.login"))</label><br>
            <input id="login" name="login" autocomplete="username" required maxlength="200" value="\(login)"></p>
            <p><label for="school">\(t("reset.school"))</label><br>
            <select id="school" name="school"><option value="">\(t("reset.school_unknown"))</option>\(options)</select></p>
            <p><button type="submit">\(t("reset.submit"))</button></p>
            </form>
            <p><a href="/auth/login">\(t("reset.back"))</a></p>
            """
    }

    /// The same answer for every login: a link went out if the account has a confirmed address;
    /// else the school's admins (named when the school was chosen) give a new code.
    func forgotAnswer(mailEnabled: Bool, school: String?, admins: [String]) -> HTML {
        let whom: HTML =
            if let school, !admins.isEmpty {
                HTML(text: localizer.text("reset.ask_admins_named", language, arguments: [school, admins.joined(separator: ", ")]))
            } else {
                t("reset.ask_admins")
            }
        return """
            \(mailEnabled ? "<p role=\"status\" class=\"notice\">\(t("reset.sent"))</p>" as HTML : "")
            <p>\(whom)</p>
            <p><a href="/auth/activate">\(t("reset.have_code"))</a></p>
            <p><a href="/auth/login">\(t("reset.back"))</a></p>
            """
    }

    /// Choosing the new password from a reset link (`token` travels in a hidden field).
    func reset(csrf: String, token: String, login: String, error: String?) -> HTML {
        """
        \(Self.alert(error))
        <p>\(localizer.text("reset.for_account", language, arguments: [login]))</p>
        <form method="post" action="/auth/reset">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <input type="hidden" name="token" value="\(token)">
        \(newPasswordFields)
        <p><button type="submit">\(t("reset.choose_submit"))</button></p>
        </form>
        """
    }

    /// A reset or confirmation link that no longer works, and what to do.
    func spentLink(retry: String, retryLabel: String) -> HTML {
        """
        <p role="alert" class="error">\(t("reset.invalid"))</p>
        <p><a class="button" href="\(retry)">\(t(retryLabel))</a></p>
        """
    }
}
