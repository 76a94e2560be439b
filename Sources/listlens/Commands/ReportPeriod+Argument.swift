import ArgumentParser
import ListLensIndex

/// `--by month|quarter|year`.
extension ReportPeriod: ExpressibleByArgument {}
