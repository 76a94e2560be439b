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

    /// Writes a line to stdout.
    static func out(_ line: String) {
        stdoutBuffer.append(line)
        stdoutBuffer.append("\n")
    }

    static func flush() { stdoutBuffer.flush() }

    static func err(_ line: String) {
        flush()
        OutputBuffer.writeAll(fd: 2, Array((line + "\n").utf8))
    }

    /// Rewrites the current stderr line (progress).
    static func status(_ line: String) {
        OutputBuffer.writeAll(fd: 2, Array(("\r\u{1B}[K" + line).utf8))
    }

    static func clearStatus() {
        OutputBuffer.writeAll(fd: 2, Array("\r\u{1B}[K".utf8))
    }
}
