import Foundation
import Testing
@testable import Zoo

/// Reliability cases that need real `zoo` processes and real signals: a second training
/// into a held run directory, and Ctrl-C on `zoo compare`. Uses the `zoo` executable that
/// `swift test` builds next to the test bundle; skipped when there is none.
@Suite("Reliability: processes and signals", .enabled(if: builtZooExecutable != nil), .serialized)
struct ProcessReliabilityTests {
    /// A started `zoo` process with its standard error in a file.
    struct Child {
        let process: Process
        let stderrPath: String

        init(_ arguments: [String]) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(builtZooExecutable))
            process.arguments = arguments
            stderrPath = NSTemporaryDirectory() + "zoo-child-\(UUID().uuidString).err"
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var standardError: String {
            (FileManager.default.contents(atPath: stderrPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        /// Waits up to `seconds` for the process to exit; its status, or nil if it still runs.
        func wait(seconds: Double) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { return nil }
            return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        }
    }

    /// Polls `condition` for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    static let recipes = PluginScaffoldTests.packageRoot + "/recipes"

    @Test func aSecondTrainingIntoAHeldDirectoryIsRefusedAtOnce() throws {
        let dir = NSTemporaryDirectory() + "zoo-two-writers-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try Child(["train", Self.recipes + "/ppo-cartpole.yaml", "--set", "train.seed=0",
                               "--set", "train.steps=100000000", "--set", "output.dir=\(dir)"])
        defer { if first.process.isRunning { first.process.terminate() } }
        #expect(Self.eventually(60) { FileManager.default.fileExists(atPath: "\(dir)/metrics.csv") })
        let second = try Child(["train", Self.recipes + "/ppo-cartpole.yaml", "--set", "train.seed=1",
                                "--set", "train.steps=1000", "--set", "output.dir=\(dir)"])
        #expect(second.wait(seconds: 30) == 2)
        #expect(second.standardError.contains("the run directory is in use by another zoo process (pid \(first.process.processIdentifier))"))
        kill(first.process.processIdentifier, SIGINT)
        #expect(first.wait(seconds: 60) == 0)
        // The first run's files are its own and complete.
        let summary = try #require(RunResults.summary(at: "\(dir)/summary.json"))
        #expect(summary.seed == 0 && summary.status == .interrupted)
        let recipe = try String(contentsOfFile: "\(dir)/recipe.yaml", encoding: .utf8)
        #expect(recipe.contains("seed: 0"))
        let rows = try String(contentsOfFile: "\(dir)/metrics.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + Int(summary.updates))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/checkpoints/last.safetensors"))
    }

    @Test func ctrlCOnCompareStopsEveryRunAndReports() throws {
        let out = NSTemporaryDirectory() + "zoo-compare-sigint-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let compare = try Child(["compare", Self.recipes + "/a2c-cartpole.yaml", Self.recipes + "/ppo-cartpole.yaml",
                                 "--seeds", "1", "--jobs", "2", "--steps", "100000000", "--out", out])
        defer { if compare.process.isRunning { compare.process.terminate() } }
        let runs = ["a2c-cartpole", "ppo-cartpole"].map { "\(out)/runs/\($0)/0" }
        #expect(Self.eventually(60) { runs.allSatisfy { FileManager.default.fileExists(atPath: "\($0)/metrics.csv") } })
        kill(compare.process.processIdentifier, SIGINT)
        #expect(compare.wait(seconds: 60) == 130, "\(compare.standardError)")
        // No training is left: each run's lock is free, so its process has exited.
        for run in runs { #expect(!RunLock.isHeld(run), "\(run) is still held") }
        let report = try String(contentsOfFile: "\(out)/report.md", encoding: .utf8)
        #expect(report.components(separatedBy: "interrupted (rerun to continue)").count == 3, "\(report)")
        for run in runs { #expect(RunResults.summary(at: "\(run)/summary.json")?.status == .interrupted) }
    }

    /// Command-line mistakes: one `error:` line and exit status 2, before any training.
    @Test func flagMistakesGiveOneLine() throws {
        let recipe = Self.recipes + "/a2c-cartpole.yaml"
        let out = NSTemporaryDirectory() + "zoo-flags-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let cases: [([String], String)] = [
            (["compare", recipe, "--jobs", "-1", "--out", out], "error: --jobs must be positive, got -1"),
            (["compare", recipe, "--seeds", "-2", "--out", out], "error: --seeds must be positive, got -2"),
            (["compare", recipe, "--out", "/proc/zoo-cannot-write-here"], "error: --out: cannot write"),
            (["validate", recipe, "--memory-limit", "12Q"], "error: --memory-limit: expected a size such as 64G"),
            (["eval", "--env", "CartPole-v1", "--episodes", "-3"], "error: --episodes must be positive, got -3"),
            (["eval", "--env", "LunarLander-v3", "--kwarg", "enable_wind=true", "--kwarg", "wind_power=1e300", "--episodes", "1"],
             "error: the environment produced a non-finite observation or reward"),
            (["train", "--bogus"], "error: Unknown option '--bogus'"),
        ]
        for (arguments, expected) in cases {
            let child = try Child(arguments)
            #expect(child.wait(seconds: 30) == 2, "\(arguments)")
            let lines = child.standardError.split(separator: "\n").filter { !$0.hasPrefix("note: ") }
            #expect(lines.count == 1 && lines[0].hasPrefix(expected), "\(arguments): \(lines)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/runs"))
    }
}
