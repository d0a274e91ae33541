import Foundation

/// The scheduler as `SlurmBackend` uses it: submit a batch script, ask whether jobs are
/// still queued or running, cancel a job.
///
/// Why a protocol: tests substitute a client that runs the scripts' tasks itself, so the
/// generated shell is exercised without a cluster.
public protocol SlurmClient: Sendable {
    /// Submits with `sbatch ARGUMENTS` (ending in the script's path); the job id.
    func submit(_ arguments: [String]) throws(SlurmError) -> String
    /// Whether any of `jobs` (or a task of an array among them) is still pending or running.
    func anyQueued(_ jobs: [String]) throws(SlurmError) -> Bool
    /// Cancels `job` (`scancel`: its running tasks get SIGTERM, pending ones never start).
    func cancel(_ job: String)
}

/// The client that runs Slurm's own commands, `sbatch`, `squeue` and `scancel`, found on
/// `PATH`. Without slurmdbd there is no `sacct`, so waiting polls `squeue`.
public struct SlurmCommands: SlurmClient {
    public init() {}

    public func submit(_ arguments: [String]) throws(SlurmError) -> String {
        let result = try Self.run("sbatch", arguments)
        guard result.status == 0 else {
            throw .commandFailed(command: "sbatch", status: result.status, message: result.lastErrorLine)
        }
        // `--parsable` prints "id" or "id;cluster".
        let id = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw .unexpectedOutput(command: "sbatch", output: result.output) }
        return id
    }

    public func anyQueued(_ jobs: [String]) throws(SlurmError) -> Bool {
        let result = try Self.run("squeue", ["--noheader", "--format=%i", "--jobs=" + jobs.joined(separator: ",")])
        // A job that ended long ago is no longer known: nothing of it is queued.
        if result.status != 0, result.error.contains("Invalid job id") { return false }
        guard result.status == 0 else {
            throw .commandFailed(command: "squeue", status: result.status, message: result.lastErrorLine)
        }
        return !result.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    public func cancel(_ job: String) {
        _ = try? Self.run("scancel", [job])
    }

    /// What a command printed and how it exited.
    struct Result {
        let status: Int32
        let output: String
        let error: String
        var lastErrorLine: String {
            error.split(whereSeparator: \.isNewline).last.map(String.init) ?? output.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        }
    }

    /// Runs `command` (looked up on `PATH`) and collects its output (through temporary
    /// files, so that no pipe can fill up and block it).
    static func run(_ command: String, _ arguments: [String]) throws(SlurmError) -> Result {
        guard let path = executable(command) else { throw .commandNotFound(command) }
        let fm = FileManager.default
        let base = NSTemporaryDirectory() + "zoo-\(command)-\(UUID().uuidString)"
        defer {
            try? fm.removeItem(atPath: base + ".out")
            try? fm.removeItem(atPath: base + ".err")
        }
        guard fm.createFile(atPath: base + ".out", contents: nil), fm.createFile(atPath: base + ".err", contents: nil),
              let output = FileHandle(forWritingAtPath: base + ".out"), let error = FileHandle(forWritingAtPath: base + ".err") else {
            throw .commandFailed(command: command, status: 127, message: "cannot create temporary files in \(NSTemporaryDirectory())")
        }
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            throw .commandFailed(command: command, status: 127, message: "\(error)")
        }
        process.waitUntilExit()
        func text(_ suffix: String) -> String { String(decoding: fm.contents(atPath: base + suffix) ?? Data(), as: UTF8.self) }
        return Result(status: process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus,
                      output: text(".out"), error: text(".err"))
    }

    /// The first executable `command` on `PATH`.
    static func executable(_ command: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
