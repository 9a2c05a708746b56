// RouteSpecificity: when several route patterns match a path, the most specific wins — the one rule the host and PluginKit both apply.
/// Orders route patterns (`/notes/new`, `/notes/:id`, `/files/*`) from most to least
/// specific: segment by segment, a literal beats a `:parameter`, which beats the end of a
/// pattern, which beats a final `*` (so `/files` wins over `/files/*` for `/files`). Patterns of
/// equal rank keep their declared order. The host picks a request's route (and its
/// action) this way from the manifest; PluginKit picks the handler the same way, so both
/// sides always agree on which route a request is.
public enum RouteSpecificity {
    /// 0 for a literal segment, 1 for `:name`, 3 for `*` (2 is the end of a pattern).
    public static func ranks(_ path: String) -> [Int] {
        path.split(separator: "/").map { $0 == "*" ? 3 : $0.hasPrefix(":") ? 1 : 0 }
    }

    /// Whether `first` should be tried before `second`.
    public static func precedes(_ first: String, _ second: String) -> Bool {
        let a = ranks(first), b = ranks(second)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 2, y = index < b.count ? b[index] : 2
            if x != y { return x < y }
        }
        return false
    }

    /// `items` sorted most specific first, stable for equal ranks.
    public static func sorted<T>(_ items: [T], path: (T) -> String) -> [T] {
        items.enumerated().sorted { left, right in
            let (l, r) = (path(left.element), path(right.element))
            if precedes(l, r) { return true }
            if precedes(r, l) { return false }
            return left.offset < right.offset
        }.map(\.element)
    }
}
