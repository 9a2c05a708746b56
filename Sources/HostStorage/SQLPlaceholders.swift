// SQLPlaceholders: the `?, ?, ?` list of an SQL `IN (…)` for a number of bound values.
/// `count` question marks separated by commas (at least one, so `IN ()` never happens).
package func sqlPlaceholders(_ count: Int) -> String {
    Array(repeating: "?", count: max(count, 1)).joined(separator: ",")
}
