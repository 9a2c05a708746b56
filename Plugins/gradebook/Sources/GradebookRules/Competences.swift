// Competences: the eight components of the socle commun (cycles 3 and 4), the four levels of mastery, and the positioning suggested from a pupil's observations.
import Foundation

/// The components of the socle commun de connaissances, de compétences et de culture, as the
/// livret scolaire unique numbers them.
public enum SocleComponent: String, Sendable, Codable, CaseIterable {
    case frenchLanguage = "1.1"
    case foreignAndRegionalLanguages = "1.2"
    case mathematicalScientificAndComputerLanguages = "1.3"
    case artsAndBodyLanguages = "1.4"
    case methodsAndToolsForLearning = "2"
    case personAndCitizenTraining = "3"
    case naturalAndTechnicalSystems = "4"
    case representationsOfTheWorldAndHumanActivity = "5"
}

/// Maîtrise insuffisante, fragile, satisfaisante, très bonne.
public enum MasteryLevel: Int, Sendable, Codable, CaseIterable, Comparable {
    case insufficient = 1
    case fragile = 2
    case satisfactory = 3
    case veryGood = 4

    public static func < (left: MasteryLevel, right: MasteryLevel) -> Bool { left.rawValue < right.rawValue }

    /// The points the diplôme national du brevet gives a component positioned at this level.
    public var brevetPoints: Int {
        switch self {
        case .insufficient: 10
        case .fragile: 25
        case .satisfactory: 40
        case .veryGood: 50
        }
    }
}

/// One observation of a competence item: a level, or why there is none.
public enum CompetenceObservation: Hashable, Sendable, Codable {
    case level(MasteryLevel)
    case absent
    case exempt
}

public enum Positioning {
    /// The level suggested for a component from its observations: the mean of the observed
    /// levels rounded to the nearest (2.5 goes to 3); absences and exemptions are left out; nil
    /// without any level. The teacher may set another.
    public static func suggested(_ observations: [CompetenceObservation]) -> MasteryLevel? {
        let levels = observations.compactMap { observation -> Int? in
            if case .level(let level) = observation { return level.rawValue }
            return nil
        }
        guard !levels.isEmpty else { return nil }
        // Twice the mean, rounded half up, halved: integer arithmetic, no floating point.
        let doubled = 2 * levels.reduce(0, +), count = levels.count
        let rounded = (doubled + count) / (2 * count)
        return MasteryLevel(rawValue: min(max(rounded, 1), 4))
    }

    /// The teacher's level when set, else the suggested one.
    public static func positioned(_ observations: [CompetenceObservation], override: MasteryLevel?) -> MasteryLevel? {
        override ?? suggested(observations)
    }
}
