import Testing
@testable import ListLensIndex

/// The periods a chart's time axis lays out: every one from the first to the last, quiet ones too.
@Suite("Report periods")
struct ReportPeriodTests {
    @Test("quiet periods between the first and the last are laid out; undated and malformed names are not")
    func filled() {
        #expect(ReportPeriod.month.filled(["2020-11", "2021-02", ReportPeriod.undated]) == ["2020-11", "2020-12", "2021-01", "2021-02"])
        #expect(ReportPeriod.quarter.filled(["2021-Q2", "2020-Q4"]) == ["2020-Q4", "2021-Q1", "2021-Q2"])
        #expect(ReportPeriod.year.filled(["0999", "1001"]) == ["0999", "1000", "1001"])
        #expect(ReportPeriod.month.filled(["2020-13", "2020", "20-01", "2020-1"]).isEmpty)
        #expect(ReportPeriod.month.filled([]).isEmpty)
    }

    @Test("a span wider than the limit keeps the periods given")
    func bounded() {
        #expect(ReportPeriod.month.filled(["0001-01", "9999-12"]) == ["0001-01", "9999-12"])
        #expect(ReportPeriod.year.filled(["1945", "2024"]).count == 80)
    }
}
