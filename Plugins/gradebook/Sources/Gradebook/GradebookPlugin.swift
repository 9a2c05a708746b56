// GradebookPlugin: the gradebook app — so far its school year, which staff holding gradebook.manage set and everyone in the school reads.
import Foundation
import GradebookRules
import PluginKit

struct GradebookPlugin: Plugin {
    static let id = "gradebook"
    static let name = "Gradebook"
    static let version = "0.1.0"

    /// The one document of `years` in a school's scope: its current year.
    static let currentYear = "current"

    init(host: PluginHost) throws {
        _ = try host.store()
        host.log("gradebook ready")
    }

    func routes(_ router: inout PluginRouter) {
        router.get("/", home)
        router.get("/year", yearForm)
        router.post("/year", saveYear)
    }

    func years(_ request: PluginRequest) throws -> DocumentCollection<SchoolYear> {
        try request.store.collection("years", of: SchoolYear.self)
    }

    /// The school's periods, and for staff who may set them a link to do so.
    func home(_ request: PluginRequest) throws -> PluginResponse {
        let user = try request.requireUser()
        let year = try years(request).get(Self.currentYear)?.document
        return .html(
            YearPages.home(year, mayManage: user.isGranted("gradebook.manage"), request: request), title: request.localized("app.name"))
    }

    func yearForm(_ request: PluginRequest) throws -> PluginResponse {
        let stored = try years(request).get(Self.currentYear)
        return .html(
            YearPages.form(YearForm(stored?.document), version: stored?.version, request: request),
            title: request.localized("title.year"))
    }

    /// Saves the year as typed; a refused one comes back with the reason on its field and
    /// nothing stored; a colleague's save in between is a conflict, not an overwrite.
    func saveYear(_ request: PluginRequest) throws -> PluginResponse {
        let form = YearForm(fields: request.form)
        let version = request.form["version"].flatMap(Int64.init)
        let year: SchoolYear
        switch form.year() {
        case .success(let checked): year = checked
        case .failure(let refusal):
            return .html(
                YearPages.form(form, version: version, refusal: refusal, request: request), title: request.localized("title.year"),
                status: 400)
        }
        do {
            try years(request).put(Self.currentYear, year, expecting: version.map { .version($0) } ?? .new)
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            let refusal = YearForm.Refusal(field: nil, key: "error.year_conflict")
            return .html(
                YearPages.form(form, version: version, refusal: refusal, request: request), title: request.localized("title.year"),
                status: 409)
        }
        return .redirect(to: "\(request.basePath)/")
    }
}
