// ShareViewer: whom shares are resolved for — a user and, for a parent, the child in view, whose classes alone then count.
/// A parent belongs to their children's classes' profile groups ("Parents — 4e A"). With a
/// child in view only that child's classes count, so switching child changes what apps show;
/// with none (nil) every child's classes count.
package struct ShareViewer: Sendable, Equatable, Hashable {
    package let userID: String
    package let childInView: String?

    package init(userID: String, childInView: String? = nil) {
        self.userID = userID
        self.childInView = childInView.flatMap { $0.isEmpty ? nil : $0 }
    }
}
