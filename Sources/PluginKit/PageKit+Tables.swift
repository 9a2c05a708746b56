// PageKit+Tables: tables that scroll inside their card on phones, and the pager under a long list.
import CartableText

extension PageKit {
    /// A table with a caption (a locale key) and column headers (locale keys); each row is its cells' markup.
    /// It scrolls sideways inside its card on a narrow screen rather than widen the page.
    public func table(caption captionKey: String? = nil, columns: [String], rows: [[HTML]]) -> HTML {
        let caption: HTML? = captionKey.map { "<caption>\(t($0))</caption>" }
        let head = columns.map { "<th scope=\"col\">\(t($0))</th>" as HTML }
        let body = rows.map { cells -> HTML in "<tr>\(cells.map { "<td>\($0)</td>" as HTML })</tr>" }
        return "<div class=\"table\"><table>\(caption)<thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>"
    }

    /// Links to the newer and older pages of a list (absent ends are left out), labelled by the
    /// plugin's locale strings `pager.label`, `pager.previous` and `pager.next`; nothing when both are nil.
    public func pager(previous: String? = nil, next: String? = nil) -> HTML {
        guard previous != nil || next != nil else { return "" }
        let back: HTML? = previous.map { "<a class=\"button secondary\" rel=\"prev\" href=\"\($0)\">\(t("pager.previous"))</a>" }
        let forward: HTML? = next.map { "<a class=\"button secondary\" rel=\"next\" href=\"\($0)\">\(t("pager.next"))</a>" }
        return "<nav class=\"pager\" aria-label=\"\(request.localizedText("pager.label", []))\">\(back)\(forward)</nav>"
    }
}
