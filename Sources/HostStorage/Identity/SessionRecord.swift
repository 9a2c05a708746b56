// SessionRecord: a portal session as stored — its user, school, CSRF token, child in view and cached actions.
import Foundation

package struct SessionRecord: Sendable, Equatable {
    package let userID: String
    package let schoolID: String?
    package let csrfToken: String
    package let createdAt: Date
    /// The child a parent chose to look at; checked against the links on each request.
    package var childID: String? = nil
    /// The actions computed for this session, the school they were computed in and
    /// that school's grants version then; recomputed when either differs.
    package var cachedActions: SessionActions? = nil

    package init(
        userID: String, schoolID: String?, csrfToken: String, createdAt: Date, childID: String? = nil, cachedActions: SessionActions? = nil
    ) {
        self.userID = userID
        self.schoolID = schoolID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.childID = childID
        self.cachedActions = cachedActions
    }
}

/// The actions a session holds in a school, valid while the school's grants version is `version`.
package struct SessionActions: Sendable, Equatable {
    package let actions: Set<String>
    package let schoolID: String
    package let version: Int

    package init(actions: Set<String>, schoolID: String, version: Int) {
        self.actions = actions
        self.schoolID = schoolID
        self.version = version
    }
}

/// A session found by its token, with what deciding whether it is still live needs.
package struct FoundSession: Sendable, Equatable {
    package let session: SessionRecord
    /// Seconds since 1970.
    package let lastSeenAt: TimeInterval
    package let isRevoked: Bool
    /// The state of the session's account (`active`, `blocked`…).
    package let accountState: String

    package init(session: SessionRecord, lastSeenAt: TimeInterval, isRevoked: Bool, accountState: String) {
        self.session = session
        self.lastSeenAt = lastSeenAt
        self.isRevoked = isRevoked
        self.accountState = accountState
    }
}
