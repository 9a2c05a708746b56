// ModuleTable: this process's copy of which plugins each school has enabled, reloaded when it changes.
import HostStorage
import Synchronization

/// Read on every plugin request, so kept in memory: reloaded when a host changes enablement
/// (``invalidate()`` publishes ``ChangeSignal/modules``, heard by every host on PostgreSQL),
/// and when the database's enablement version moved, checked at most every ``checkInterval``
/// (the command line, which publishes nothing).
package final class ModuleTable: Sendable {
    /// A school's plugins: plugin id → chosen version (nil: the newest installed).
    package typealias SchoolModules = [String: String?]

    private struct State {
        var version = -1
        var schools: [String: SchoolModules] = [:]
        var anywhere: Set<String> = []
        var pilots: Set<String> = []
        var checkedAt: ContinuousClock.Instant?
    }

    let storage: any EnablementStorage
    let checkInterval: Duration
    let signals: ChangeSignals
    private let state = Mutex(State())

    package init(storage: any EnablementStorage, checkInterval: Duration = .seconds(2), signals: ChangeSignals = ChangeSignals()) {
        self.storage = storage
        self.checkInterval = checkInterval
        self.signals = signals
        signals.subscribe { [weak self] signal in
            if signal == .modules || signal == .everything { self?.reloadAtNextLookUp() }
        }
    }

    package convenience init(database: HostDatabase, checkInterval: Duration = .seconds(2)) {
        self.init(storage: database.enablement, checkInterval: checkInterval, signals: database.signals)
    }

    /// The plugins enabled for a school, with their chosen versions.
    package func modules(of schoolID: String) throws -> SchoolModules {
        try refreshIfDue()
        return state.withLock { $0.schools[schoolID] ?? [:] }
    }

    /// Every school's plugins, by school id (schools with none left out).
    package func allSchools() throws -> [String: SchoolModules] {
        try refreshIfDue()
        return state.withLock { $0.schools }
    }

    /// Whether some school enabled the plugin (anonymous callers reach its public routes then).
    package func isEnabledAnywhere(_ pluginID: String) throws -> Bool {
        try refreshIfDue()
        return state.withLock { $0.anywhere.contains(pluginID) }
    }

    /// Whether the school is a pilot (its "latest" includes experimental versions).
    package func isPilot(_ schoolID: String) throws -> Bool {
        try refreshIfDue()
        return state.withLock { $0.pilots.contains(schoolID) }
    }

    /// Forces a reload at the next look-up, here and on the other hosts (enablement changed).
    package func invalidate() {
        signals.publish(.modules)
    }

    private func reloadAtNextLookUp() {
        state.withLock { $0.checkedAt = nil }
    }

    private func refreshIfDue() throws {
        let now = ContinuousClock.now
        let (due, known) = state.withLock { state -> (Bool, Int) in
            guard let checked = state.checkedAt, now - checked < checkInterval else { return (true, state.version) }
            return (false, state.version)
        }
        guard due else { return }
        let loaded = try storage.snapshot(unlessVersion: known)
        state.withLock { state in
            state.checkedAt = now
            guard let loaded else { return }
            state.pilots = Set(loaded.pilotSchools)
            var schools: [String: SchoolModules] = [:]
            for row in loaded.rows {
                schools[row.schoolID, default: [:]][row.pluginID] = .some(row.version)
            }
            state.version = loaded.version
            state.schools = schools
            state.anywhere = Set(loaded.rows.map(\.pluginID))
        }
    }
}
