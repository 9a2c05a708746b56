// SchoolsPage: /admin/schools — the schools an admin covers, their pilot flag, their admins and the form to add one.
import CartableText
import HostDomain
import HostStorage

struct SchoolsPage {
    let html: ConsoleHTML

    /// `authorities` are those the admin may create schools in (empty: no creation form);
    /// `canSetPilot` and `canNameAdmins` are true for authority and platform admins.
    func render(_ listings: [Directory.SchoolListing], authorities: [(id: String, name: String)], canManage: Bool) -> HTML {
        let rows = listings.map { listing -> [HTML] in
            let school = listing.school
            let pilot =
                canManage
                ? html.button(
                    "/admin/schools/\(school.id)/pilot", label: html.t(school.pilot ? "console.end_pilot" : "console.make_pilot"),
                    hidden: [("pilot", school.pilot ? "0" : "1")])
                : ""
            var admins = listing.admins.map { admin -> HTML in
                let remove: HTML =
                    canManage
                    ? " \(html.button("/admin/schools/\(school.id)/admins/\(admin.id)/remove", label: html.t("console.remove_admin")))" : ""
                return "\(admin.name) (\(admin.login))\(remove)"
            }
            if canManage {
                admins.append(
                    html.form(
                        "/admin/schools/\(school.id)/admins", inline: true,
                        """
                        <label for="admin-\(school.id)">\(html.t("console.admin_login"))</label> \
                        <input id="admin-\(school.id)" name="login" required> <button type="submit">\(html.t("console.add_admin"))</button>
                        """
                    ))
            }
            return [
                html.link("/admin/schools/\(school.id)", school.name), HTML(text: school.uai), HTML(text: listing.authority),
                html.t(school.pilot ? "console.yes" : "console.no") + " " + pilot, html.number(listing.members),
                admins.joined(separator: "<br>"),
            ]
        }
        let table = html.table(
            caption: html.t("console.schools"),
            headers: [
                html.t("console.name"), "UAI", html.t("console.authority_name"), html.t("console.pilot"), html.t("console.members"),
                html.t("console.admins"),
            ],
            rows: rows, empty: html.t("console.no_schools"))
        guard !authorities.isEmpty else { return table }
        let options = authorities.map { ($0.id, $0.name, false) }
        let create = html.form(
            "/admin/schools",
            """
            <fieldset><legend>\(html.t("console.new_school"))</legend>\
            \(html.field("school-uai", name: "uai", label: "UAI", extra: " pattern=\"[0-9]{7}[A-Za-z]\" autocomplete=\"off\""))\
            \(html.field("school-name", name: "name", label: html.t("console.name")))\
            <p>\(html.select("school-authority", name: "authority", label: html.t("console.authority_name"), options: options))</p>\
            <p><input type="checkbox" id="school-pilot" name="pilot" value="1"> <label for="school-pilot">\(html.t("console.pilot"))</label></p>\
            <p><button type="submit">\(html.t("console.create"))</button></p></fieldset>
            """)
        return table + create
    }
}
