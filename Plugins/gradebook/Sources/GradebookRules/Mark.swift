// Mark: what a pupil got on an assessment — points, or a status saying why there are none — and how the assessment counts.
import Foundation

/// Why a pupil has no points. Most statuses leave the assessment out of the pupil's averages;
/// two count it as zero.
public enum MarkStatus: String, Sendable, Codable, CaseIterable {
    case absent
    case exempt
    case notGraded
    case unfit
    case notHandedIn
    case absentCountedZero
    case notHandedInCountedZero

    /// Whether the assessment counts as 0 in the averages (otherwise it is left out).
    public var countsAsZero: Bool { self == .absentCountedZero || self == .notHandedInCountedZero }

    /// The key typed in the entry grid: `a` absent, `d` exempt (dispensé), `n` not graded,
    /// `i` unfit (inapte), `r` not handed in (non rendu), `z` absent counted zero, `x` not handed in counted zero.
    public var key: Character {
        switch self {
        case .absent: "a"
        case .exempt: "d"
        case .notGraded: "n"
        case .unfit: "i"
        case .notHandedIn: "r"
        case .absentCountedZero: "z"
        case .notHandedInCountedZero: "x"
        }
    }

    /// The status typed as `key` (either case); nil for another key.
    public init?(key: Character) {
        guard let status = Self.allCases.first(where: { $0.key == Character(key.lowercased()) }) else { return nil }
        self = status
    }
}

/// Points or a status.
public enum Mark: Hashable, Sendable, Codable {
    case points(Points)
    case status(MarkStatus)
}

/// How an assessment counts in an average.
public struct AssessmentWeight: Hashable, Sendable, Codable {
    /// The most points a pupil can get: 5, 10, 20, 40… (positive).
    public let outOf: Points
    /// 0 to 99; 0 shows the assessment without counting it.
    public let coefficient: Points
    /// Only the points above half the out-of count, added to the average without weighing in it.
    public let isBonus: Bool
    /// Counted only when its mark is above the average of the pupil's other marks of the subject (as Pronote reads it).
    public let isOptional: Bool

    public static let maxCoefficient = Points(99)

    /// nil when the out-of is not positive, the coefficient is past 0–99, or the assessment is both a bonus and optional.
    public init?(outOf: Points, coefficient: Points = Points(1), isBonus: Bool = false, isOptional: Bool = false) {
        guard !outOf.isZero, coefficient <= Self.maxCoefficient, !(isBonus && isOptional) else { return nil }
        self.outOf = outOf
        self.coefficient = coefficient
        self.isBonus = isBonus
        self.isOptional = isOptional
    }

    private enum CodingKeys: String, CodingKey { case outOf, coefficient, isBonus, isOptional }

    /// A stored weight is checked as a typed one (an out-of of 0 would divide by zero).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard
            let weight = AssessmentWeight(
                outOf: try container.decode(Points.self, forKey: .outOf),
                coefficient: try container.decode(Points.self, forKey: .coefficient),
                isBonus: try container.decode(Bool.self, forKey: .isBonus), isOptional: try container.decode(Bool.self, forKey: .isOptional)
            )
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "an out-of of 0, a coefficient past 99, or both bonus and optional")
            )
        }
        self = weight
    }

    /// Whether `points` may be given on this assessment (0 to the out-of).
    public func accepts(_ points: Points) -> Bool { points <= outOf }
}

/// A pupil's mark on one assessment, with the assessment's weight: one term of a subject's average.
public struct WeightedMark: Hashable, Sendable {
    public let mark: Mark
    public let weight: AssessmentWeight

    public init(_ mark: Mark, _ weight: AssessmentWeight) {
        self.mark = mark
        self.weight = weight
    }

    /// The points that count, when the mark counts at all: a counted-zero status is 0.
    var countedPoints: Points? {
        switch mark {
        case .points(let points): points
        case .status(let status): status.countsAsZero ? .zero : nil
        }
    }

    /// The mark brought to /20 (nil when it does not count).
    var outOfTwenty: Decimal? {
        countedPoints.map { $0.decimal * 20 / weight.outOf.decimal }
    }
}
