// ImportConsoleRoutes: /admin/schools/<id>/import — the CSV import of users with its dry-run report, for the school's admins.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime

struct ImportConsoleRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/schools/:id/import") { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
            return await console.page(
                "console.import",
                "<p>\(html.t("console.school_of", school.name, school.uai))</p>" + ImportPage(html: html).form(schoolID: school.id),
                caller: caller, context: context)
        }
        router.post("/admin/schools/:id/import") { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
            let page = ImportPage(html: html)
            let intro: HTML = "<p>\(html.t("console.school_of", school.name, school.uai))</p>"
            var request = request
            guard let boundary = MultipartBody.boundary(of: request.headers[.contentType]),
                let form = try? MultipartBody(
                    Data(try await request.collectBody(upTo: portal.configuration.maxBodyBytes).readableBytesView), boundary: boundary),
                let file = form["file"], !file.data.isEmpty
            else {
                return await console.page(
                    "console.import", intro + page.form(schoolID: school.id), caller: caller, context: context,
                    notice: console.text("console.import_no_file", caller), isError: true, status: .badRequest)
            }
            var options = UserImport.Options(
                schoolUAI: school.uai, defaultProfile: form["profile"].flatMap { Profile(rawValue: $0.text) },
                dryRun: form["dry_run"]?.text == "1")
            options.actor = caller.identity.userID
            options.mode = form["mode"].flatMap { UserImport.Mode(rawValue: $0.text) } ?? .addAndUpdate
            options.matching = Self.matching(for: caller.rights, school: school)
            if options.mode == .fullSync, !options.dryRun, form["confirm_detach"]?.text != "1" {
                return await console.page(
                    "console.import", intro + page.form(schoolID: school.id, mode: options.mode), caller: caller, context: context,
                    notice: console.text("console.import_confirm_sync", caller), isError: true, status: .badRequest)
            }
            let data = file.data, importer = portal.userImport, frozen = options
            switch await portal.blocking.run({ Result { try importer.run(data, options: frozen) } }) {
            case .success(let report):
                if !report.dryRun { portal.sessionCache.forgetAll() }
                return await console.page(
                    "console.import", intro + page.report(report, schoolID: school.id, mode: frozen.mode), caller: caller, context: context)
            case .failure(let failure as ImportFailure):
                return await console.page(
                    "console.import", intro + page.failure(failure, schoolID: school.id), caller: caller, context: context,
                    status: .unprocessableContent)
            case .failure(let error):
                throw error
            }
        }
    }

    /// Whose accounts the console's import may match: the platform's operators any; an
    /// authority's admin the members of their schools; a school's admin that school's only.
    static func matching(for rights: AdminRights, school: Directory.School) -> UserImport.Matching {
        if rights.isPlatformAdmin { return .platformWide }
        if rights.authorityIDs.contains(school.authorityID) { return .within(schoolIDs: rights.schoolIDs) }
        return .within(schoolIDs: [school.id])
    }
}
