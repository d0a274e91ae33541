import Foundation

/// Progress while training: updates, environment steps, steps/s, ETA, mean return and the
/// update's losses. On a terminal one live line is redrawn in place several times a
/// second; otherwise (a log file, CI) a plain line is written every few seconds.
public final class ConsoleProgress: TrainingObserver {
    private let interval: Double
    private let live: Bool
    private var lastPrinted = -Double.infinity
    private let budget: Int
    private let write: (String) -> Void

    /// Progress for a run of `budget` steps; `live` defaults to whether standard output is
    /// a terminal.
    public init(budget: Int, live: Bool = isatty(STDOUT_FILENO) != 0, write: @escaping (String) -> Void = ConsoleProgress.standardOutput) {
        self.budget = budget
        self.live = live
        self.interval = live ? 0.25 : 5
        self.write = write
    }

    /// Writes to standard output and flushes, so lines reach a log file as they happen.
    public static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func trainer(_ trainer: Trainer, didUpdate u: UpdateRecord) {
        guard u.elapsed - lastPrinted >= interval else { return }
        lastPrinted = u.elapsed
        let line = Self.line(u, budget: budget)
        write(live ? "\r\u{1B}[K" + line : line + "\n")
    }

    public func trainer(_ trainer: Trainer, didFinish outcome: TrainingOutcome) {
        if live && lastPrinted > -Double.infinity { write("\n") }
        let print = { (text: String) in self.write(text + "\n") }
        switch outcome {
        case .budgetSpent: print("done: training budget of \(budget) steps spent")
        case .targetReached(let mean): print("done: mean return \(String(format: "%.1f", mean)) reached the target")
        case .interrupted: print("stopped: interrupted")
        case .updateCapReached(let updates): print("done: \(updates) updates done (train.updates)")
        case .outputFailed, .environmentFailed: break  // the command reports the error on standard error
        case .nonFiniteLoss(let update, let term): print("stopped: \(term) became non-finite at update \(update)")
        }
    }

    /// The progress line for one update.
    static func line(_ u: UpdateRecord, budget: Int) -> String {
        let rate = u.elapsed > 0 ? Double(u.envSteps) / u.elapsed : 0
        let eta = rate > 0 ? Double(budget - u.envSteps) / rate : 0
        var parts = ["update \(u.update)", "steps \(u.envSteps)/\(budget)", String(format: "%.0f steps/s", rate),
                     String(format: "ETA %.0fs", max(eta, 0))]
        if let r = u.meanReturn { parts.append(String(format: "return %.1f", r)) }
        for (name, value) in u.report.values where name != "learning_rate" {
            parts.append(String(format: "%@ %.4g", name, value))
        }
        return parts.joined(separator: "  ")
    }
}
