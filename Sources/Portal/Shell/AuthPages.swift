// AuthPages: the login and activation forms, rendered inside the portal page.
import CartableText
import Foundation
import HostLocales

/// HTML of the host's authentication pages. Every value is escaped.
struct AuthPages {
    let localizer: Localizer
    let language: String

    func t(_ key: String) -> HTML { HTML(text: localizer.text(key, language)) }

    /// The error line, the form's opening with its CSRF field, and the login field.
    private func formHead(action: String, csrf: String, login: String, error: String?) -> HTML {
        """
        \(Self.alert(error))
        <form method="post" action="\(action)">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <p><label for="login">\(t("auth.login"))</label><br>
        <input id="login" name="login" autocomplete="username" required value="\(login)"></p>
        """
    }

    /// Asks the user to confirm a logout a tool asked for (OpenID `end_session`, CAS): a link
    /// or an image elsewhere never logs anyone out. `hidden` are the fields the POST carries back.
    func logoutConfirmation(action: String, csrf: String, hidden: [(name: String, value: String)]) -> HTML {
        let fields = hidden.map { "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">" as HTML }
        return """
            <p>\(t("sso.logout_confirm"))</p><form method="post" action="\(action)">\
            <input type="hidden" name="_csrf" value="\(csrf)">\(fields)\
            <button type="submit">\(t("sso.logout_button"))</button></form>
            """
    }

    /// `returnPath` is where to go after login (a local path the host already checked), or "/";
    /// `providers` are the external logins offered (id, name).
    func login(
        csrf: String, login: String, error: String?, returnPath: String = "/", providers: [(id: String, name: String)] = []
    ) -> HTML {
        let back = returnPath == "/" ? "" : "?return=" + (returnPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let links = providers.map { provider -> HTML in
            let label = localizer.text("upstream.login_with", language, arguments: [provider.name])
            return "<li><a class=\"button\" href=\"/auth/upstream/\(provider.id)\(back)\">\(label)</a></li>"
        }
        let upstream: HTML = providers.isEmpty ? "" : "<ul class=\"upstream\">\(links)</ul>"
        let returnField: HTML = returnPath == "/" ? "" : "<input type=\"hidden\" name=\"return\" value=\"\(returnPath)\">"
        return formHead(action: "/auth/login", csrf: csrf, login: login, error: error) + """
            \(returnField)
            <p><label for="password">\(t("auth.password"))</label><br>
            <input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">\(t("auth.submit"))</button></p>
            </form>
            \(upstream)
            <p><a href="/auth/forgot">\(t("auth.forgot_link"))</a></p>
            <p><a href="/auth/activate">\(t("auth.activate_link"))</a></p>
            """
    }

    /// Linking an external identity to an account: the account's password, or its activation code and a new password.
    /// The form that links the external identity `identity` (its name at the provider, or its subject) to an account.
    func link(csrf: String, provider: String, identity: String, subject: String, login: String, error: String?) -> HTML {
        """
        \(Self.alert(error))
        <p>\(localizer.text("upstream.link_help", language, arguments: [provider, provider]))</p>
        <p><strong>\(localizer.text("upstream.linking_identity", language, arguments: [provider, identity.isEmpty ? subject : "\(identity) (\(subject))"]))</strong></p>
        <form method="post" action="/auth/upstream/link">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <p><label for="login">\(t("auth.login"))</label><br>
        <input id="login" name="login" autocomplete="username" required value="\(login)"></p>
        <fieldset><legend>\(t("upstream.with_password"))</legend>
        <p><label for="password">\(t("auth.password"))</label><br><input id="password" name="password" type="password" autocomplete="current-password"></p>
        </fieldset>
        <fieldset><legend>\(t("upstream.with_code"))</legend>
        <p><label for="code">\(t("upstream.code"))</label><br><input id="code" name="code" autocomplete="one-time-code"></p>
        <p><label for="new_password">\(t("upstream.new_password"))</label><br><input id="new_password" name="new_password" type="password" autocomplete="new-password"></p>
        </fieldset>
        <p><button type="submit">\(t("upstream.link_button"))</button></p>
        </form>
        """
    }

    func activation(csrf: String, login: String, error: String?) -> HTML {
        formHead(action: "/auth/activate", csrf: csrf, login: login, error: error) + """
            <p><label for="code">\(t("activation.code"))</label><br>
            <input id="code" name="code" autocomplete="one-time-code" required></p>
            <p id="rules">\(t("activation.rules"))</p>
            <p><label for="password">\(t("activation.password"))</label><br>
            <input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="rules" required></p>
            <p><label for="confirm">\(t("activation.confirm"))</label><br>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" required></p>
            <p><button type="submit">\(t("activation.submit"))</button></p>
            </form>
            """
    }

    /// An error line read out at once, or nothing.
    static func alert(_ message: String?) -> HTML {
        message.map { ConsoleHTML.paragraph($0, role: "alert", className: "error") } ?? ""
    }

    /// The logout button (a form: logging out changes state).
    static func logoutForm(csrf: String, label: String) -> HTML {
        "<form method=\"post\" action=\"/auth/logout\"><input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\"><button type=\"submit\">\(label)</button></form>"
    }
}
