import Foundation

/// Where a planned run stands before `zoo compare` starts it.
///
/// Why: rerunning a comparison reuses every run that finished with the same resolved
/// recipe (so the same seed and budget), continues runs that stopped part-way when
/// `zoo train --resume` is available, and starts everything else from scratch.
public enum RunState: Sendable, Equatable {
    /// Nothing there yet.
    case absent
    /// `summary.json` says finished and `recipe.yaml` is the planned recipe: reuse.
    case finished
    /// The planned recipe was started (a checkpoint exists) but did not finish.
    case unfinished
    /// Something else is there: a different recipe or budget, a failed run, no checkpoint.
    case stale(reason: String)
    /// Another process holds the directory's `RunLock` (it is training there now).
    case inUse

    /// The state of `job`'s directory.
    public static func of(_ job: ComparisonPlan.Job) -> RunState {
        let fm = FileManager.default
        guard fm.fileExists(atPath: job.directory) else { return .absent }
        if RunLock.isHeld(job.directory) { return .inUse }
        guard let data = fm.contents(atPath: "\(job.directory)/recipe.yaml"),
              let text = String(data: data, encoding: .utf8) else {
            return .stale(reason: "no recipe.yaml")
        }
        guard text == job.resolvedRecipe else { return .stale(reason: "its recipe or budget differs") }
        if let summary = RunResults.summary(at: "\(job.directory)/summary.json") {
            switch summary.status {
            case .finished: return .finished
            case .failed: return .stale(reason: "it failed")
            case .interrupted: break
            }
        }
        guard fm.fileExists(atPath: "\(job.directory)/checkpoints/last.safetensors") else {
            return .stale(reason: "it stopped before its first checkpoint")
        }
        return .unfinished
    }
}
