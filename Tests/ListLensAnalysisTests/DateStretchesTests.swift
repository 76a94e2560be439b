import ListLensAnalysis
import Testing

@Suite("Date stretches")
struct DateStretchesTests {
    @Test("spans that overlap or touch merge into one stretch; the others stay apart, each with its dates' positions")
    func merges() {
        let stretches = DateStretches.of([100, 150, 400, 1_000, 1_060, 1_200], before: 50, after: 10)
        #expect(stretches.map { "\($0.dates.lowerBound)...\($0.dates.upperBound) \($0.members.lowerBound)...\($0.members.upperBound)" }
                == ["50...160 0...1", "350...410 2...2", "950...1070 3...4", "1150...1210 5...5"])
        #expect(DateStretches.of([], before: 1, after: 1).isEmpty)
    }

    @Test("spans near the ends of Int64 are cut at the ends, never wrapped round")
    func saturates() {
        #expect(DateStretches.span(of: .max - 5, before: 10, after: 10) == (Int64.max - 15)...Int64.max)
        #expect(DateStretches.span(of: .min + 5, before: 10, after: 10) == Int64.min...(Int64.min + 15))
        let stretches = DateStretches.of([.min, 0, .max], before: .max, after: .max)
        #expect(stretches.count == 1 && stretches[0].dates == Int64.min...Int64.max && stretches[0].members == 0...2)
    }
}
