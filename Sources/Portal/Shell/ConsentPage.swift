// ConsentPage: "<tool> wants to know…" — the user allows or refuses a third-party tool the information its scopes ask for.
import CartableText
import HostDomain
import HostLocales
import HostStorage

struct ConsentPage {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ arguments: String...) -> HTML {
        HTML(text: localizer.text(key, language, arguments: arguments))
    }

    /// `params` are the authorization request's, carried back in hidden fields.
    func render(
        client: SSOClients.Client, scope: [String], params: [String: String], csrf: String, action: String = "/oauth2/authorize"
    ) -> HTML {
        let items = scope.map { "<li>\(t("sso.scope_\($0)"))</li>" as HTML }
        let hidden = ([("_csrf", csrf)] + params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            .map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" as HTML }
        return """
            <p>\(t("sso.consent_intro", client.name))</p><ul>\(items)</ul><p>\(t("sso.consent_remember"))</p>
            <form method="post" action="\(action)">\(hidden)\
            <button type="submit" name="decision" value="allow">\(t("sso.consent_allow"))</button> \
            <button type="submit" name="decision" value="deny">\(t("sso.consent_deny"))</button></form>
            """
    }
}
