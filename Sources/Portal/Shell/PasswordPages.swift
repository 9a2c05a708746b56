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
