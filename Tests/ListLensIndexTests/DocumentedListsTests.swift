import Foundation
import ListLensAnalysis
import ListLensTestSupport
import Testing

@Suite("Documented lists")
struct DocumentedListsTests {
    @Test("docs/organizations.md names every webmail and ISP domain the code holds, and no other")
    func consumerDomains() throws {
        let doc = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/organizations.md"), encoding: .utf8)
        let listed = doc.components(separatedBy: "\n## ").filter { $0.hasPrefix("Webmail (") || $0.hasPrefix("Internet service providers") }
            .flatMap { section in
                section.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            }
        #expect(Set(listed) == ConsumerMailDomains.all)
        #expect(listed.count == ConsumerMailDomains.webmail.count + ConsumerMailDomains.isp.count, "each domain once")
    }
}
