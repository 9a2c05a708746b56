// SQLDialect: the few SQL fragments the host's statements write differently on SQLite and PostgreSQL.

/// Everything else is shared text: upserts (`ON CONFLICT`), `RETURNING`, `coalesce`, `||`,
/// `LIKE … ESCAPE`, integer booleans compared with `= 1`.
package enum SQLDialect: Sendable, Equatable {
    case sqlite, postgres

    /// Concatenates `expression` over the group with `separator` (a SQL string literal).
    package func groupConcat(_ expression: String, separator: String) -> String {
        switch self {
        case .sqlite: "group_concat(\(expression), \(separator))"
        case .postgres: "string_agg(\(expression), \(separator))"
        }
    }

    /// ASCII case-insensitive `LIKE`, as SQLite's is.
    package var caseInsensitiveLike: String {
        switch self {
        case .sqlite: "LIKE"
        case .postgres: "ILIKE"
        }
    }

    /// A comparison that is true when both sides are NULL.
    package func isNotDistinct(_ left: String, _ right: String) -> String {
        switch self {
        case .sqlite: "\(left) IS \(right)"
        case .postgres: "\(left) IS NOT DISTINCT FROM \(right)"
        }
    }

    /// Lists the host's tables by name (the migrations' own bookkeeping left out).
    package var tableNamesSQL: String {
        switch self {
        case .sqlite:
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name"
        case .postgres:
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name != 'schema_migrations' ORDER BY table_name
            """
        }
    }

    /// The elements of a JSON array of strings stored in `column`, as a table with one column `value`.
    package func jsonStrings(_ column: String, alias: String) -> String {
        switch self {
        case .sqlite: "json_each(\(column)) \(alias)"
        case .postgres: "jsonb_array_elements_text(\(column)::jsonb) AS \(alias)(value)"
        }
    }
}
