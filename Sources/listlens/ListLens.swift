import ArgumentParser

@main
struct ListLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listlens",
        abstract: "Import mailing-list archives and report who takes part, how much, and who answers whom.",
        discussion: """
            Start with `listlens demo`. Then, with your own archives:
              listlens import ~/archives/twisted-python/
              listlens orgs
              listlens search 'from:glyph deferred'
            Commands that use a database take --db PATH (default ./listlens.sqlite, or $LISTLENS_DB).
            """,
        version: "0.1.0",
        subcommands: [ImportCommand.self, RemoveCommand.self, ExportCommand.self, ThreadCommand.self, ShowCommand.self, InspectCommand.self, SearchCommand.self,
                      OrgsCommand.self, PeopleCommand.self, TopicsCommand.self, HealthCommand.self, ReportCommand.self, AffiliationsCommand.self, DemoCommand.self, BenchmarkCommand.self])
}
