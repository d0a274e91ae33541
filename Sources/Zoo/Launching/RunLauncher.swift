import Foundation
import Synchronization

/// How the local backend starts one training run; the real one starts `zoo train`
/// processes, tests substitute their own.
public protocol RunLauncher: Sendable {
    /// Whether `zoo train --resume RUN_DIR` exists, so unfinished runs can continue.
    var canResume: Bool { get }
    /// Trains `job` (from scratch, or continuing its directory when `resume`), writing
    /// the run's output to `job.log`; returns the exit status (0: success).
    func train(_ job: TrainingJob, resume: Bool) -> Int32
    /// Asks every run in progress, and any started from now on, to stop: each saves its
    /// checkpoint and exits (the comparison was interrupted).
    func interruptRuns()
}

extension RunLauncher {
    /// Launchers whose runs cannot be interrupted ignore the request.
    public func interruptRuns() {}
}

/// Starts `zoo train RECIPE --set …` (with `--resume RUN_DIR` to continue) as a child process
/// of `executable` — normally this very program — with its output in the log file.
public struct ProcessLauncher: RunLauncher {
    public let executable: String
    public let canResume: Bool
    /// Extra flags for every `zoo train` (e.g. `--memory-limit`).
    public let trainArguments: [String]
    /// The `zoo train` children running now.
    private let children = ChildProcesses()

    /// A launcher for `executable`; asks `executable train --help` whether `--resume` exists.
    public init(executable: String, trainArguments: [String] = []) {
        self.executable = executable
        self.trainArguments = trainArguments
        let help = NSTemporaryDirectory() + "zoo-train-help-\(ProcessInfo.processInfo.processIdentifier).txt"
        let status = Self.runProcess(executable, ["train", "--help"], log: help)
        let text = (FileManager.default.contents(atPath: help)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        try? FileManager.default.removeItem(atPath: help)
        canResume = status == 0 && text.contains("--resume")
    }

    /// The path of the running executable (`/proc/self/exe` on Linux, else argv[0]).
    public static var currentExecutable: String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        return CommandLine.arguments.first ?? "zoo"
    }

    public func train(_ job: TrainingJob, resume: Bool) -> Int32 {
        Self.runProcess(executable, job.trainArguments(resume: resume) + trainArguments, log: job.log, append: resume,
                        children: children)
    }

    /// Sends SIGINT to every child (each in its own process group, so a terminal's Ctrl-C
    /// does not reach them): `zoo train` then stops after its current update and saves; a
    /// second request makes them exit at once.
    public func interruptRuns() {
        children.signalAll(SIGINT)
    }

    /// Runs `executable arguments`, stdout and stderr into `log` (appended to when
    /// `append`, e.g. a resumed run's); the exit status, or 127 when it cannot start (the
    /// reason is written to the log).
    static func runProcess(_ executable: String, _ arguments: [String], log: String, append: Bool = false,
                           children: ChildProcesses? = nil) -> Int32 {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (log as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let header = Data("$ \(([executable] + arguments).joined(separator: " "))\n".utf8)
        if !append || !fm.fileExists(atPath: log) {
            guard fm.createFile(atPath: log, contents: nil) else { return 127 }
        }
        guard let handle = FileHandle(forWritingAtPath: log) else { return 127 }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(header)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            handle.write(Data("cannot start \(executable): \(error)\n".utf8))
            return 127
        }
        let pid = process.processIdentifier
        children?.add(pid)
        process.waitUntilExit()
        children?.remove(pid)
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }
}

/// The process ids of running children and the signals already sent to all of them, so
/// that a child started just after an interruption is interrupted too.
final class ChildProcesses: Sendable {
    private let state = Mutex<(running: Set<Int32>, sent: [Int32])>(([], []))

    func add(_ pid: Int32) {
        let missed = state.withLock { s in
            s.running.insert(pid)
            return s.sent
        }
        for number in missed { kill(pid, number) }
    }

    func remove(_ pid: Int32) {
        _ = state.withLock { $0.running.remove(pid) }
    }

    func signalAll(_ number: Int32) {
        let pids = state.withLock { s in
            s.sent.append(number)
            return s.running
        }
        for pid in pids { kill(pid, number) }
    }
}
