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
        var regular = Sums(), optional: [WeightedMark] = [], bonus: [WeightedMark] = []
        for mark in marks where !mark.weight.coefficient.isZero && mark.countedPoints != nil {
            if mark.weight.isBonus {
                bonus.append(mark)
            } else if mark.weight.isOptional {
                optional.append(mark)
            } else {
                regular.add(mark)
            }
        }
        // Each optional mark is compared with the regular marks' average (all count without one).
        var sums = regular
        let base = optional.isEmpty ? nil : regular.value(mode)
        for mark in optional {
            if let base, let value = mark.outOfTwenty, value <= base { continue }
            sums.add(mark)
        }
        guard var average = sums.value(mode) else { return nil }
        for mark in bonus {
            guard let points = mark.countedPoints else { continue }
            let above = points.decimal - mark.weight.outOf.decimal / 2
            guard above > 0 else { continue }
            let coefficient = mark.weight.coefficient.decimal
            // The points above half, in the average's own terms, over the regular marks' weights.
            switch mode {
            case .outOfTwenty: average += coefficient * above * 20 / mark.weight.outOf.decimal / sums.coefficientsDecimal
            case .weightedByOutOf: average += coefficient * above * 20 / sums.weightedOutOfDecimal
            }
        }
        return min(average, ceiling)
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

    /// Sums in exact hundredths: Σ cᵢ·nᵢ per out-of (Σ cᵢ·nᵢ is their total), Σ cᵢ and Σ cᵢ·bᵢ. Divisions happen once
    /// per distinct out-of and once at the end, not per mark. A coefficient is at most 9,900
    /// hundredths and points at most 999,999,999, so a period's marks stay far inside Int64.
    private struct Sums {
        var pointsByOutOf: [Int64: Int64] = [:]
        var coefficients: Int64 = 0
        var weightedOutOf: Int64 = 0

        mutating func add(_ mark: WeightedMark) {
            guard let points = mark.countedPoints else { return }
            let coefficient = mark.weight.coefficient.hundredths, outOf = mark.weight.outOf.hundredths
            pointsByOutOf[outOf, default: 0] += coefficient * points.hundredths
            coefficients += coefficient
            weightedOutOf += coefficient * outOf
        }

        var coefficientsDecimal: Decimal { Decimal(coefficients) / 100 }
        var weightedOutOfDecimal: Decimal { Decimal(weightedOutOf) / 10_000 }

        /// The average on /20, nil when nothing counts.
        func value(_ mode: AveragingMode) -> Decimal? {
            guard coefficients > 0 else { return nil }
            switch mode {
            case .outOfTwenty:
                // Σ over out-ofs b of 20·(Σ cᵢ·nᵢ)/b, over Σ cᵢ (the hundredths cancel).
                var total = Decimal(0)
                for (outOf, points) in pointsByOutOf { total += Decimal(points) * 20 / Decimal(outOf) }
                return total / Decimal(coefficients)
            case .weightedByOutOf:
                return Decimal(pointsByOutOf.values.reduce(0, +)) * 20 / Decimal(weightedOutOf)
            }
        }
    }
}
