// AdminPages: the audit log table and the anonymization confirmation, for admins.
import CartableText
import CartableWire
import Foundation
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
        let dates = ReaderDates.of(language)
        let rows = entries.map { entry -> HTML in
            let at: HTML =
                ReaderDates.parse(entry.at).map { "<time datetime=\"\(entry.at)\">\(dates.dayAndTime($0))</time>" } ?? HTML(text: entry.at)
            return """
                <tr><td>\(at)</td><td>\(actionName(entry.action))</td><td>\(person(entry.actor, entry.actorLogin))</td>\
                <td>\(person(entry.target, entry.targetLogin))</td><td>\(entry.detail ?? "")</td><td>\(entry.address ?? "")</td></tr>
                """
        }
        let more: HTML =
            entries.count == AuditLogReader.pageSize
            ? "<p><a href=\"/admin/audit?before=\(entries.last?.id ?? 0)&amp;action=\(action)\">\(t("audit.older"))</a></p>"
            : ""
        let prefix = "audit.action."
        let known = localizer.keys(withPrefix: prefix).map { String($0.dropFirst(prefix.count)) }
            .map { (key: $0, name: actionName($0)) }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        let options = known.map { "<option value=\"\($0.key)\"\($0.key == action ? " selected" : "")>\($0.name)</option>" as HTML }
        return """
            <form method="get" action="/admin/audit"><p><label for="action">\(t("audit.filter"))</label>
            <select id="action" name="action"><option value="">\(t("audit.all_actions"))</option>\(options)</select> \
            <button type="submit">\(t("audit.apply"))</button></p></form>
            \(entries.isEmpty ? "<p>\(t("audit.empty"))</p>" as HTML : """
            <div class="table"><table><caption>\(t("audit.caption"))</caption><thead><tr><th scope="col">\(t("audit.at"))</th><th scope="col">\(t("audit.action"))</th>\
            <th scope="col">\(t("audit.actor"))</th><th scope="col">\(t("audit.target"))</th><th scope="col">\(t("audit.detail"))</th>\
            <th scope="col">\(t("audit.address"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
            \(more)
            """
    }

    /// An action's name in the reader's language; the key itself only for an action no locale names.
    private func actionName(_ action: String) -> String {
        localizer.optionalText("audit.action.\(action)", language) ?? action
    }

    /// A name, with the login under it when it is a person's.
    private func person(_ name: String?, _ login: String?) -> HTML {
        guard let name else { return "" }
        guard let login, login != name else { return HTML(text: name) }
        return "\(name)<br><small>\(login)</small>"
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
