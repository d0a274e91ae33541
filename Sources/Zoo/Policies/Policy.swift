/// Something that chooses an action from an observation: a baseline to compare trained
/// agents with, or a scripted controller.
///
/// Why a protocol of its own (not an `Algorithm`): baselines such as Gymnasium's
/// LunarLander heuristic or a uniformly random policy have no parameters to learn; `zoo
/// eval` and the statistical tests run them through the same evaluation routine that a
/// trained agent's greedy policy will use. Mutating, so that a policy may carry its own
/// random stream.
public protocol Policy {
    /// The action for `observation` (one row of the environment's observation space).
    mutating func action(for observation: [Float]) -> Action
}
