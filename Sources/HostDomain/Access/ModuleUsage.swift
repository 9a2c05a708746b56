// ModuleUsage: how much each app is used per school — documents stored and distinct users who opened it recently.
import HostStorage

/// Usage figures for the authority's matrix, read from what the host already keeps: the
/// documents each plugin stores per school, and the daily visits ``ModuleVisits`` records
/// when a logged-in user calls an app.
package enum ModuleUsage {
    package typealias Figures = UsageFigures

}
