// Rounding: how a school shows averages (a setting, applied at display only; averages are kept exact).
import Foundation

/// To the hundredth, the tenth, the half point or the point; to the nearest (a half goes up) or always up.
public struct Rounding: Hashable, Sendable, Codable {
    public enum Step: String, Sendable, Codable, CaseIterable {
        case hundredth, tenth, half, whole

        var size: Decimal {
            switch self {
            case .hundredth: Decimal(string: "0.01") ?? 0.01
            case .tenth: Decimal(string: "0.1") ?? 0.1
            case .half: Decimal(string: "0.5") ?? 0.5
            case .whole: 1
            }
        }

        /// Decimals shown for this step.
        public var decimals: Int {
            switch self {
            case .hundredth: 2
            case .tenth, .half: 1
            case .whole: 0
            }
        }
    }

    public enum Direction: String, Sendable, Codable, CaseIterable {
        case nearest, up
    }

    public let step: Step
    public let direction: Direction

    public init(step: Step = .hundredth, direction: Direction = .nearest) {
        self.step = step
        self.direction = direction
    }

    /// `value` on this rounding's grid.
    public func apply(_ value: Decimal) -> Decimal {
        var steps = value / step.size, rounded = Decimal()
        NSDecimalRound(&rounded, &steps, 0, direction == .up ? .up : .plain)
        return rounded * step.size
    }

    /// "12,57" / "12.57" (the separator is the reader's), "—" for an undefined average.
    public func text(_ value: Decimal?, separator: String = ",") -> String {
        guard let value else { return "—" }
        var shown = apply(value), exact = Decimal()
        NSDecimalRound(&exact, &shown, step.decimals, .plain)
        // Decimal's own writing ("12.6", "13"), its decimals padded to the step's.
        let parts = exact.description.split(separator: ".", maxSplits: 1)
        let whole = parts.first.map(String.init) ?? "0"
        guard step.decimals > 0 else { return whole }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return whole + separator + fraction + String(repeating: "0", count: max(0, step.decimals - fraction.count))
    }
}
