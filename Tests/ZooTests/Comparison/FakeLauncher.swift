import Foundation
import Synchronization
@testable import Zoo

/// A `RunLauncher` that writes a synthetic run directory instead of training: recipe.yaml,
/// episodes.csv with the returns `episodes(job)` gives, a checkpoint and summary.json.
/// Jobs named in `failing` exit 2 with a message in their log.
final class FakeLauncher: RunLauncher {
    let canResume: Bool
    let failing: Set<String>
    let calls = Mutex<[(job: String, resume: Bool)]>([])
    let episodes: @Sendable (TrainingJob) -> [(step: Int, value: Double)]

    init(canResume: Bool = false, failing: Set<String> = [],
         episodes: @escaping @Sendable (TrainingJob) -> [(step: Int, value: Double)]) {
        self.canResume = canResume
        self.failing = failing
        self.episodes = episodes
    }

    static func key(_ job: TrainingJob) -> String { "\(job.recipe.name)/\(job.seed)" }

    var callList: [(job: String, resume: Bool)] { calls.withLock { $0 } }

    func train(_ job: TrainingJob, resume: Bool) -> Int32 {
        let log = job.log
        calls.withLock { $0.append((Self.key(job), resume)) }
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (log as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if failing.contains(Self.key(job)) {
            _ = fm.createFile(atPath: log, contents: Data("training…\nerror: algorithm.lr: must be in 0…10, got 99\n".utf8))
            return 2
        }
        _ = fm.createFile(atPath: log, contents: Data("ok\n".utf8))
        try? Self.writeRun(job, episodes: episodes(job), status: .finished)
        return 0
    }

    /// Writes a run directory for `job` as `zoo train` would.
    static func writeRun(_ job: TrainingJob, episodes: [(step: Int, value: Double)], status: RunSummary.Status,
                         wallSeconds: Double = 10) throws {
        let dir = job.directory
        try FileManager.default.createDirectory(atPath: dir + "/checkpoints", withIntermediateDirectories: true)
        try AtomicFile.write(job.resolvedRecipe, to: dir + "/recipe.yaml")
        try AtomicFile.write([UInt8](), to: dir + "/checkpoints/last.safetensors")
        var csv = "update,env_step,copy,return,length,time\n"
        for (i, e) in episodes.enumerated() { csv += "\(i + 1),\(e.step),0,\(e.value),10,0.1\n" }
        try AtomicFile.write(csv, to: dir + "/episodes.csv")
        let window = min(10, episodes.count)
        let final = episodes.isEmpty ? nil : episodes.suffix(window).map(\.value).reduce(0, +) / Double(window)
        let summary = RunSummary(recipe: job.recipe.name, algorithm: "fake", environment: "CartPole-v1", seed: UInt64(job.seed),
                                 envSteps: Int64(episodes.last?.step ?? 0), updates: 1, episodes: Int64(episodes.count),
                                 wallSeconds: wallSeconds, finalMeanReturn: final, bestMeanReturn: final,
                                 bestUpdate: 1, status: status)
        try RunSummaryFile.write(summary, to: dir + "/summary.json")
    }
}
