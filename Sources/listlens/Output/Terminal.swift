#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to stdout (buffered, flushed at exit) and stderr (unbuffered); terminal detection for progress.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    private static let stdoutBuffer: OutputBuffer = {
        let buffer = OutputBuffer(fd: 1)
        atexit { Terminal.flush() }
        return buffer
    }()

    /// Writes a line to stdout as it is: for JSON and CSV, whose encoders decide what is escaped.
    static func out(_ line: String) {
        stdoutBuffer.append(line)
        stdoutBuffer.append("\n")
    }

    /// Writes one line of text output to stdout, with control characters made visible (``String/printable``).
    static func text(_ line: String) {
        out(line.printable)
    }

    static func flush() { stdoutBuffer.flush() }

    /// Writes a line to stderr, with control characters made visible: file and member names are input too.
    static func err(_ line: String) {
        flush()
        OutputBuffer.writeAll(fd: 2, Array((line.printable + "\n").utf8))
    }

    /// Rewrites the current stderr line (progress).
    static func status(_ line: String) {
        OutputBuffer.writeAll(fd: 2, Array(("\r\u{1B}[K" + line).utf8))
    }

    static func clearStatus() {
        OutputBuffer.writeAll(fd: 2, Array("\r\u{1B}[K".utf8))
    }
}
