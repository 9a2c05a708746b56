// Fixtures: marks written as a teacher would ("15,5 /20 ×2"), for the averages' hand-computed cases.
import Foundation
import GradebookRules

/// `mark("15,5", outOf: 20, coefficient: "2")`.
func mark(
    _ points: String, outOf: Int = 20, coefficient: String = "1", bonus: Bool = false, optional: Bool = false
) -> WeightedMark {
    WeightedMark(.points(Points(text: points) ?? .zero), weight(outOf: outOf, coefficient: coefficient, bonus: bonus, optional: optional))
}

func status(_ status: MarkStatus, outOf: Int = 20, coefficient: String = "1") -> WeightedMark {
    WeightedMark(.status(status), weight(outOf: outOf, coefficient: coefficient))
}

func weight(outOf: Int, coefficient: String = "1", bonus: Bool = false, optional: Bool = false) -> AssessmentWeight {
    AssessmentWeight(outOf: Points(outOf), coefficient: Points(text: coefficient) ?? .zero, isBonus: bonus, isOptional: optional)
        ?? AssessmentWeight(outOf: Points(20))!
}

/// `value` with four decimals ("12.5714").
func four(_ value: Decimal?) -> String {
    guard var value else { return "undefined" }
    var result = Decimal()
    NSDecimalRound(&result, &value, 4, .plain)
    return "\(result)"
}
