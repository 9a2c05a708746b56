// AdminPages: the audit log table and the anonymization confirmation, for admins.
import CartableText
import HostDomain
import HostLocales
import HostStorage

struct AdminPages {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ argument: String = "") -> HTML {
        HTML(text: localizer.text(key, language, argument))
    }

    func audit(_ entries: [AuditLogReader.Entry], action: String) -> HTML {
        let rows = entries.map { entry -> HTML in
            """
            <tr><td>\(entry.at)</td><td>\(entry.action)</td><td>\(entry.actor ?? "")</td>\
            <td>\(entry.target ?? "")</td><td>\(entry.detail ?? "")</td><td>\(entry.address ?? "")</td></tr>
            """
        }
        let more: HTML =
            entries.count == AuditLogReader.pageSize
            ? "<p><a href=\"/admin/audit?before=\(entries.last?.id ?? 0)&amp;action=\(action)\">\(t("audit.older"))</a></p>"
            : ""
        return """
            <form method="get" action="/admin/audit"><p><label for="action">\(t("audit.filter"))</label>
            <input id="action" name="action" value="\(action)"> <button type="submit">\(t("audit.apply"))</button></p></form>
            \(entries.isEmpty ? "<p>\(t("audit.empty"))</p>" as HTML : """
            <div class="table"><table><caption>\(t("audit.caption"))</caption><thead><tr><th scope="col">\(t("audit.at"))</th><th scope="col">\(t("audit.action"))</th>\
            <th scope="col">\(t("audit.actor"))</th><th scope="col">\(t("audit.target"))</th><th scope="col">\(t("audit.detail"))</th>\
            <th scope="col">\(t("audit.address"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
            \(more)
            """
    }

    func confirmAnonymize(userID: String, name: String, csrf: String, error: String?) -> HTML {
        """
        \(AuthPages.alert(error))
        <p>\(t("admin.anonymize_explain", name))</p>
        <form method="post" action="/admin/users/\(userID)/anonymize">
        <input type="hidden" name="_csrf" value="\(csrf)">
        <p><input type="checkbox" id="confirm" name="confirm" value="1" required> <label for="confirm">\(t("admin.anonymize_confirm"))</label></p>
        <p><button type="submit">\(t("admin.anonymize"))</button> <a href="/profile/\(userID)">\(t("admin.cancel"))</a></p>
        </form>
        """
    }
}
