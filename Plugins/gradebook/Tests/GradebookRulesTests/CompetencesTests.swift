// CompetencesTests: the positioning suggested from observations, and the brevet's points per level.
import GradebookRules
import Testing

@Suite("Gradebook: competences")
struct CompetencesTests {
    @Test func theSuggestionIsTheRoundedMeanOfTheObservedLevels() {
        #expect(Positioning.suggested([.level(.fragile), .level(.satisfactory)]) == .satisfactory)  // 2.5 → 3
        #expect(Positioning.suggested([.level(.insufficient), .level(.fragile), .level(.fragile)]) == .fragile)  // 1.67 → 2
        #expect(Positioning.suggested([.level(.veryGood), .absent, .exempt]) == .veryGood)
        #expect(Positioning.suggested([.absent, .exempt]) == nil)
        #expect(Positioning.suggested([]) == nil)
    }

    @Test func theTeachersLevelWins() {
        #expect(Positioning.positioned([.level(.insufficient)], override: .satisfactory) == .satisfactory)
        #expect(Positioning.positioned([.level(.insufficient)], override: nil) == .insufficient)
    }

    @Test func eightComponentsAndTheBrevetsPoints() {
        #expect(SocleComponent.allCases.count == 8)
        #expect(MasteryLevel.allCases.map(\.brevetPoints) == [10, 25, 40, 50])
    }
}
