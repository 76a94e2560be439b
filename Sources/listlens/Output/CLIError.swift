import ArgumentParser
import Foundation
import ListLensIndex

/// An error whose message is shown as is, followed by a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var code: Int32 = 1
    init(_ description: String, code: Int32 = 1) { self.description = description; self.code = code }
}
