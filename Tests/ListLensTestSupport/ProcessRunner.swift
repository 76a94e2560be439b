import Foundation

/// Runs a program and captures what it printed: for the CLI's end-to-end tests and for oracles
/// (Python's email package, gzip, Debian's mhonarc).
public struct ProcessRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var stdoutData: Data
        public var stderr: String
        public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    }

    /// A failed run: the program and its exit status, never its output (which may hold addresses).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public var executable: String
    public var currentDirectory: String?
    /// Added to (or, with a nil value, removed from) the inherited environment.
    public var environment: [String: String?] = [:]

    public init(_ executable: String, currentDirectory: String? = nil, environment: [String: String?] = [:]) {
        self.executable = executable
        self.currentDirectory = currentDirectory
        self.environment = environment
    }

    /// Runs the program with `arguments` (and `input` on its standard input) and returns its status and output.
    public func run(_ arguments: [String], input: Data? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let currentDirectory { p.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin
        try p.run()
        // Feed stdin and drain stderr on other threads: a full pipe would block the child.
        let feeder = Thread { [input] in
            if let input { stdin.fileHandleForWriting.write(input) }
            try? stdin.fileHandleForWriting.close()
        }
        feeder.start()
        let errors = PipeDrain(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdoutData: o, stderr: errors.finish())
    }

    /// Runs the program and requires exit status 0.
    @discardableResult
    public func require(_ arguments: [String], input: Data? = nil) throws -> Output {
        let output = try run(arguments, input: input)
        guard output.status == 0 else { throw Failure(description: "\(executable) exited with \(output.status)") }
        return output
    }

    /// Runs `program` (a path, or a name looked up in `PATH`) and requires exit status 0.
    @discardableResult
    public static func require(_ program: String, _ arguments: [String], input: Data? = nil) throws -> Output {
        try ProcessRunner(resolve(program)).require(arguments, input: input)
    }

    /// `gzip` → `/usr/bin/gzip`; a path is kept as it is.
    public static func resolve(_ program: String) -> String {
        guard !program.contains("/") else { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return program
    }
}
