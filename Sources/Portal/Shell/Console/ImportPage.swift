// ImportPage: /admin/schools/<id>/import — upload a CSV of users, try it as a dry run, and read the report.
import CartableText
import HostDomain
import HostLocales

struct ImportPage {
    let html: ConsoleHTML
    /// Entries listed per kind of change; the counts always cover everything.
    static let listed = 200

    func form(schoolID: String, mode: UserImport.Mode = .addAndUpdate) -> HTML {
        let profiles =
            [("", html.localizer.text("console.profile_from_file", html.language), true)]
            + Profile.allCases.map { ($0.rawValue, html.localizer.text("console.profile.\($0.rawValue)", html.language), false) }
        let modes = UserImport.Mode.allCases.map {
            ($0.rawValue, html.localizer.text("console.import_mode.\($0.rawValue)", html.language), $0 == mode)
        }
        return """
            <p>\(html.t("console.import_help"))</p>
            <form method="post" action="/admin/schools/\(schoolID)/import" enctype="multipart/form-data">\
            <input type="hidden" name="_csrf" value="\(html.csrf)">
            <p><label for="import-file">\(html.t("console.import_file"))</label> <input id="import-file" name="file" type="file" accept=".csv,text/csv" required></p>
            <p>\(html.select("import-profile", name: "profile", label: html.t("console.import_profile"), options: profiles))</p>
            <p>\(html.select("import-mode", name: "mode", label: html.t("console.import_mode"), options: modes))</p>
            <p><input type="checkbox" id="import-confirm-detach" name="confirm_detach" value="1"> <label for="import-confirm-detach">\(html.t("console.import_confirm_detach"))</label></p>
            <p><input type="checkbox" id="import-dry-run" name="dry_run" value="1" checked> <label for="import-dry-run">\(html.t("console.import_dry_run"))</label></p>
            <p><button type="submit">\(html.t("console.import_submit"))</button></p></form>
            """
    }

    func report(_ report: ImportReport, schoolID: String, mode: UserImport.Mode) -> HTML {
        let counts = html.t(
            report.dryRun ? "console.import_dry_summary" : "console.import_summary",
            String(report.created.count), String(report.updated.count), String(report.moved.count), String(report.detached.count),
            String(report.unchanged))
        let classes: HTML =
            report.classesCreated.isEmpty ? "" : "<p>\(html.t("console.import_classes", report.classesCreated.joined(separator: ", ")))</p>"
        let sections = [
            ("console.import_created", report.created), ("console.import_updated", report.updated),
            ("console.import_moved", report.moved), ("console.import_detached", report.detached), ("console.import_kept", report.kept),
        ]
        .filter { !$0.1.isEmpty }
        .map { key, entries in
            html.table(
                caption: html.t(key, String(entries.count)),
                headers: [html.t("console.external_id"), html.t("console.login"), html.t("console.name"), html.t("console.detail")],
                rows: entries.prefix(Self.listed).map {
                    [HTML(text: $0.externalID), HTML(text: $0.login), HTML(text: $0.name), HTML(text: $0.detail ?? "")]
                },
                empty: "")
        }
        let next: HTML = report.dryRun ? "<p>\(html.t("console.import_apply_hint"))</p>" : ""
        // A full sync's detachments come first, where nobody misses them.
        let warning: HTML =
            report.dryRun && mode == .fullSync
            ? "<p class=\"error\" role=\"alert\"><strong>\(HTML(text: html.localizer.plural("console.import_sync_warning", count: report.detached.count, html.language)))</strong></p>"
            : ""
        return "\(warning)<p role=\"status\">\(counts)</p>\(classes)\(next)\(sections)\(form(schoolID: schoolID, mode: mode))"
    }

    func failure(_ failure: ImportFailure, schoolID: String) -> HTML {
        let items = failure.errors.prefix(500).map { error -> HTML in
            let reason = html.localizer.text(error.key, html.language, arguments: error.arguments)
            let line: HTML? = error.line.map { "\(html.t("console.import_line", String($0))) " }
            return "<li>\(line)\(reason)</li>"
        }
        return """
            <div role="alert"><p class="error">\(HTML(text: html.localizer.plural("console.import_failed", count: failure.errors.count, html.language)))</p><ul>\(items)</ul></div>\
            \(form(schoolID: schoolID))
            """
    }
}
