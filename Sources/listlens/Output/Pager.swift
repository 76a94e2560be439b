import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Long text on a terminal goes through a pager, as git's does: `$LISTLENS_PAGER`, else `$PAGER`,
/// else `less`, with `LESS=FRX` unless set (quit at once when the text fits one screen, keep
/// colours, leave it on the screen). Output to a pipe or a file is written as it is, and so is
/// output when the pager is empty or `cat`, or cannot be started.
enum Pager {
    // The CLI starts the pager from its one thread, before it writes, and waits for it at exit.
    private nonisolated(unsafe) static var running: Process?

    /// From here on, stdout (and stderr, when it is the same terminal) goes to the pager.
    static func start() {
        guard running == nil, isatty(1) == 1 else { return }
        let environment = ProcessInfo.processInfo.environment
        let command = (environment["LISTLENS_PAGER"] ?? environment["PAGER"] ?? "less").trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty, command != "cat" else { return }
        let pager = Process()
        pager.executableURL = URL(fileURLWithPath: "/bin/sh")
        pager.arguments = ["-c", command]
        var env = environment
        if env["LESS"] == nil { env["LESS"] = "FRX" }
        pager.environment = env
        let pipe = Pipe()
        pager.standardInput = pipe
        do { try pager.run() } catch { return }
        Terminal.flush()
        let input = pipe.fileHandleForWriting.fileDescriptor
        dup2(input, 1)
        if isatty(2) == 1 { dup2(input, 2) }
        try? pipe.fileHandleForWriting.close()
        try? pipe.fileHandleForReading.close()
        running = pager
        atexit { Pager.finish() }
    }

    /// Hands the pager the rest of the output and waits until the reader quits it.
    static func finish() {
        guard let pager = running else { return }
        running = nil
        Terminal.flush()
        close(1)
        close(2)
        pager.waitUntilExit()
    }
}
