// ReportCards: a class's period at once — each pupil's average per subject and general average, the class's figures per subject, ranks when shown.
import Foundation

/// One subject of a class for a period: its coefficient and each pupil's marks in it.
public struct SubjectMarks: Sendable {
    public let subjectID: String
    public let coefficient: Points
    /// Marks by pupil id; a pupil without any has an undefined average.
    public let marks: [String: [WeightedMark]]

    public init(subjectID: String, coefficient: Points, marks: [String: [WeightedMark]]) {
        self.subjectID = subjectID
        self.coefficient = coefficient
        self.marks = marks
    }
}

/// What a class's report cards show for a period.
public struct ClassReport: Sendable {
    public struct Subject: Sendable {
        public let subjectID: String
        public let coefficient: Points
        /// Each pupil's average (nil: undefined).
        public let averages: [String: Decimal?]
        public let statistics: ClassStatistics
        /// Each pupil's rank in the subject, when the school shows ranks.
        public let ranks: [String: Int?]?
    }

    public let pupils: [String]
    public let subjects: [Subject]
    public let general: [String: Decimal?]
    public let generalStatistics: ClassStatistics
    public let generalRanks: [String: Int?]?
}

public enum ReportCards {
    /// The report of `pupils` over `subjects`, averages in `mode`; ranks only when `showsRanks`.
    public static func compute(pupils: [String], subjects: [SubjectMarks], mode: AveragingMode, showsRanks: Bool) -> ClassReport {
        let reports = subjects.map { subject -> ClassReport.Subject in
            let averages = pupils.map { Averages.subject(subject.marks[$0] ?? [], mode: mode) }
            return ClassReport.Subject(
                subjectID: subject.subjectID, coefficient: subject.coefficient,
                averages: Dictionary(uniqueKeysWithValues: zip(pupils, averages)), statistics: ClassStatistics(averages),
                ranks: showsRanks ? Dictionary(uniqueKeysWithValues: zip(pupils, ClassStatistics.ranks(averages))) : nil)
        }
        let general = pupils.map { pupil in
            Averages.general(reports.map { (average: $0.averages[pupil] ?? nil, coefficient: $0.coefficient) })
        }
        return ClassReport(
            pupils: pupils, subjects: reports, general: Dictionary(uniqueKeysWithValues: zip(pupils, general)),
            generalStatistics: ClassStatistics(general),
            generalRanks: showsRanks ? Dictionary(uniqueKeysWithValues: zip(pupils, ClassStatistics.ranks(general))) : nil)
    }
}
