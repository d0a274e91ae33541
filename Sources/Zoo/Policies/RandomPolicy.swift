import DSL

/// Uniformly random actions from an action space, drawn from the policy's own seeded
/// stream.
///
/// Why: the baseline every environment has (`zoo eval --policy random`), and the lower
/// anchor of any learning curve. The stream is independent of the environment's, so the
/// same seed gives the same actions whatever the environment does with its draws.
public struct RandomPolicy: Policy {
    public let space: ActionSpace
    public var random: SeededRandom

    public init(space: ActionSpace, seed: Int) {
        self.space = space
        random = SeededRandom(seed: seed).derived("random-policy")
    }

    public mutating func action(for observation: [Float]) -> Action {
        space.sample(using: &random)
    }
}
