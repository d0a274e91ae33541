import Foundation

/// Progress on the terminal: one line every `interval` seconds (and at the end) with
/// updates, environment steps, steps/s, ETA, mean return and the update's losses.
public final class ConsoleProgress: TrainingObserver {
    private let interval: Double
    private var lastPrinted = -Double.infinity
    private let budget: Int
    private let print: (String) -> Void

    public init(budget: Int, interval: Double = 2, print: @escaping (String) -> Void = { Swift.print($0) }) {
        self.budget = budget
        self.interval = interval
        self.print = print
    }

    public func trainer(_ trainer: Trainer, didUpdate u: UpdateRecord) {
        guard u.elapsed - lastPrinted >= interval else { return }
        lastPrinted = u.elapsed
        print(Self.line(u, budget: budget))
    }

    public func trainer(_ trainer: Trainer, didFinish outcome: TrainingOutcome) {
        switch outcome {
        case .budgetSpent: print("done: training budget of \(budget) steps spent")
        case .targetReached(let mean): print("done: mean return \(String(format: "%.1f", mean)) reached the target")
        case .interrupted: print("stopped: interrupted")
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
