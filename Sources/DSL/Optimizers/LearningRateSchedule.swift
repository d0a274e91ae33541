/// How the learning rate changes over training. `linear` anneals from the initial rate
/// to `end` × initial over `steps` calls, like PyTorch's `LinearLR(start_factor: 1,
/// end_factor: end)` and Stable-Baselines3's linear schedule; `constant` keeps it.
public enum LearningRateSchedule: Sendable, Equatable {
    case constant
    case linear(steps: Int, endFactor: Float = 0)

    /// The learning rate after `step` scheduler steps (0 = before the first).
    public func rate(initial: Float, step: Int) -> Float {
        switch self {
        case .constant:
            return initial
        case .linear(let steps, let endFactor):
            let progress = Float(Swift.min(step, steps)) / Float(Swift.max(steps, 1))
            return initial * (1 + (endFactor - 1) * progress)
        }
    }
}
