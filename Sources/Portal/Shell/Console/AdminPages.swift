// AdminPages: the audit log table and the anonymization confirmation, for admins.
import CartableText
import HostDomain
import HostLocales
import HostStorage

struct AdminPages {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ argument: String = "") -> String {
        escapeHTML(localizer.text(key, language, argument))
    }

    func audit(_ entries: [AuditLogReader.Entry], action: String) -> String {
        let rows = entries.map { entry in
            "<tr><td>\(escapeHTML(entry.at))</td><td>\(escapeHTML(entry.action))</td><td>\(escapeHTML(entry.actor ?? ""))</td>"
                + "<td>\(escapeHTML(entry.target ?? ""))</td><td>\(escapeHTML(entry.detail ?? ""))</td><td>\(escapeHTML(entry.address ?? ""))</td></tr>"
        }.joined()
        let more =
            entries.count == AuditLogReader.pageSize
            ? "<p><a href=\"/admin/audit?before=\(entries.last?.id ?? 0)&amp;action=\(escapeHTML(action))\">\(t("audit.older"))</a></p>"
            : ""
        return """
            <form method="get" action="/admin/audit"><p><label for="action">\(t("audit.filter"))</label>
            <input id="action" name="action" value="\(escapeHTML(action))"> <button type="submit">\(t("audit.apply"))</button></p></form>
            \(entries.isEmpty ? "<p>\(t("audit.empty"))</p>" : """
            <table><caption>\(t("audit.caption"))</caption><thead><tr><th scope="col">\(t("audit.at"))</th><th scope="col">\(t("audit.action"))</th>\
            <th scope="col">\(t("audit.actor"))</th><th scope="col">\(t("audit.target"))</th><th scope="col">\(t("audit.detail"))</th>\
            <th scope="col">\(t("audit.address"))</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
            \(more)
            """
    }

    func confirmAnonymize(userID: String, name: String, csrf: String, error: String?) -> String {
        """
        \(error.map { "<p class=\"error\" role=\"alert\">\(escapeHTML($0))</p>" } ?? "")
        <p>\(t("admin.anonymize_explain", name))</p>
        <form method="post" action="/admin/users/\(escapeHTML(userID))/anonymize">
        <input type="hidden" name="_csrf" value="\(escapeHTML(csrf))">
        <p><input type="checkbox" id="confirm" name="confirm" value="1" required> <label for="confirm">\(t("admin.anonymize_confirm"))</label></p>
        <p><button type="submit">\(t("admin.anonymize"))</button> <a href="/profile/\(escapeHTML(userID))">\(t("admin.cancel"))</a></p>
        </form>
        """
    }
}
