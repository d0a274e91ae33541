import DSL
import Foundation

/// Where a training run's time goes: each phase's share (environment, inference,
/// advantages, minibatches, forward, backward, optimiser, …) of a run of a recipe, in
/// microseconds per environment step — what `zoo bench train` prints, before and after
/// every change to the training path.
public struct TrainingProfile: Sendable {
    /// Seconds spent in each phase.
    public let seconds: [PhaseProfile.Phase: Double]
    /// Environment steps trained.
    public let envSteps: Int
    /// Wall time of the whole run.
    public let wallSeconds: Double

    /// Trains `recipe` (writing nothing) with the profile on.
    public static func measure(_ recipe: Recipe) throws(ZooError) -> TrainingProfile {
        let trainer = try Trainer(recipe: recipe)
        let clock = ContinuousClock()
        let start = clock.now
        PhaseProfile.start()
        let outcome: TrainingOutcome
        do {
            outcome = try trainer.run()
        } catch {
            _ = PhaseProfile.stop()
            throw error
        }
        let phases = PhaseProfile.stop()
        let wall = clock.now - start
        if case .environmentFailed(let error) = outcome { throw .environment(error) }
        return TrainingProfile(seconds: phases.mapValues(\.seconds), envSteps: trainer.envSteps, wallSeconds: wall.seconds)
    }

    /// Environment steps per second over the whole run.
    public var stepsPerSecond: Double { Double(envSteps) / wallSeconds }

    /// The table: one row per phase (µs per environment step, share of the run).
    public var table: String {
        let total = seconds.values.reduce(0, +), steps = Double(max(envSteps, 1))
        var lines = ["phase          µs/step   share  what"]
        for phase in PhaseProfile.Phase.allCases {
            let s = seconds[phase] ?? 0
            lines.append(phase.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                         + String(format: "%9.3f %6.1f%%  ", s * 1e6 / steps, 100 * s / max(total, 1e-12)) + phase.summary)
        }
        lines.append("total        " + String(format: "%9.3f          %d steps in %.2f s = %.0f steps/s",
                                               total * 1e6 / steps, envSteps, wallSeconds, stepsPerSecond))
        return lines.joined(separator: "\n")
    }
}
