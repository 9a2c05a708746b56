// Averages: a pupil's average in a subject over a period in either of the two modes schools choose, and the general average over subjects.
import Foundation

/// How a school weighs marks of different out-ofs (a school setting).
public enum AveragingMode: String, Sendable, Codable, CaseIterable {
    /// Each mark brought to /20, then weighed by its coefficient: Σ cᵢ·(20·nᵢ/bᵢ) / Σ cᵢ.
    case outOfTwenty
    /// Each mark weighed by its coefficient and its out-of: 20·Σ cᵢ·nᵢ / Σ cᵢ·bᵢ (a test out of 10
    /// counts half as much as one out of 20).
    case weightedByOutOf
}

/// Averages are exact `Decimal`s on the /20 scale; nil is an undefined average (every mark left
/// out), shown "—" and never 0. Rounding is for display only (``Rounding``).
public enum Averages {
    /// The highest average: a bonus cannot take it past 20.
    public static let ceiling = Decimal(20)

    /// The average of `marks` (one subject, one period) in `mode`.
    ///
    /// Left out: statuses other than the two counted as zero, and coefficient 0. Optional marks
    /// count when above the average of the other counted marks (each compared to that same
    /// average, as Pronote does; with no other mark, they all count). Bonus marks add the
    /// points above half their out-of, weighed by their coefficient, without weighing in the
    /// denominator; with nothing else counted, the average stays undefined.
    public static func subject(_ marks: [WeightedMark], mode: AveragingMode) -> Decimal? {
        let counted = marks.filter { !$0.weight.coefficient.isZero && $0.countedPoints != nil }
        let regular = counted.filter { !$0.weight.isBonus && !$0.weight.isOptional }
        let optional = counted.filter(\.weight.isOptional)
        let bonus = counted.filter(\.weight.isBonus)
        let base = weighted(regular, mode: mode)
        let raising = optional.filter { mark in
            guard let base, let value = mark.outOfTwenty else { return true }
            return value > base
        }
        guard var sums = sums(regular + raising, mode: mode), !sums.denominator.isZero else { return nil }
        for mark in bonus {
            guard let points = mark.countedPoints else { continue }
            let above = points.decimal - mark.weight.outOf.decimal / 2
            guard above > 0 else { continue }
            let coefficient = mark.weight.coefficient.decimal
            switch mode {
            case .outOfTwenty: sums.numerator += coefficient * above * 20 / mark.weight.outOf.decimal
            case .weightedByOutOf: sums.numerator += coefficient * above
            }
        }
        return min(value(of: sums, mode: mode), ceiling)
    }

    /// The general average: each subject's average weighed by the subject's coefficient;
    /// subjects without an average or with coefficient 0 are left out; nil when none is left.
    public static func general(_ subjects: [(average: Decimal?, coefficient: Points)]) -> Decimal? {
        var numerator = Decimal(0), denominator = Decimal(0)
        for subject in subjects where !subject.coefficient.isZero {
            guard let average = subject.average else { continue }
            numerator += average * subject.coefficient.decimal
            denominator += subject.coefficient.decimal
        }
        return denominator.isZero ? nil : numerator / denominator
    }

    private struct Sums {
        var numerator: Decimal
        var denominator: Decimal
    }

    /// The weighted average of marks that all count as regular ones.
    private static func weighted(_ marks: [WeightedMark], mode: AveragingMode) -> Decimal? {
        guard let sums = sums(marks, mode: mode), !sums.denominator.isZero else { return nil }
        return value(of: sums, mode: mode)
    }

    private static func sums(_ marks: [WeightedMark], mode: AveragingMode) -> Sums? {
        var sums = Sums(numerator: 0, denominator: 0)
        for mark in marks {
            guard let points = mark.countedPoints else { continue }
            let coefficient = mark.weight.coefficient.decimal
            switch mode {
            case .outOfTwenty:
                sums.numerator += coefficient * points.decimal * 20 / mark.weight.outOf.decimal
                sums.denominator += coefficient
            case .weightedByOutOf:
                sums.numerator += coefficient * points.decimal
                sums.denominator += coefficient * mark.weight.outOf.decimal
            }
        }
        return sums
    }

    private static func value(of sums: Sums, mode: AveragingMode) -> Decimal {
        switch mode {
        case .outOfTwenty: sums.numerator / sums.denominator
        case .weightedByOutOf: sums.numerator * 20 / sums.denominator
        }
    }
}
