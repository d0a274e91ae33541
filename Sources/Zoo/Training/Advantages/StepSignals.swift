/// What an advantage estimator reads from a rollout, time-major [steps, copies].
///
/// `nextValues` carries the value of the *real* next observation: the next step's value
/// inside an episode, the value of the final observation on a truncated step (never the
/// reset observation — the bootstrapping bug the spec warns about), and the bootstrap
/// value V(o_T) on the rollout's last step. `valid` is 0 on next-step-autoreset reset
/// transitions, which carry no learning signal and are masked out.
public struct StepSignals: Sendable {
    public let steps: Int
    public let copies: Int
    public var rewards: [Float]
    public var values: [Float]
    public var nextValues: [Float]
    public var terminated: [Float]
    public var truncated: [Float]
    public var valid: [Float]

    public init(steps: Int, copies: Int, rewards: [Float], values: [Float], nextValues: [Float],
                terminated: [Float], truncated: [Float], valid: [Float]? = nil) {
        let n = steps * copies
        precondition([rewards, values, nextValues, terminated, truncated].allSatisfy { $0.count == n },
                      "every signal needs steps × copies = \(n) elements")
        precondition(valid.map { $0.count == n } ?? true, "valid needs \(n) elements")
        self.steps = steps
        self.copies = copies
        self.rewards = rewards
        self.values = values
        self.nextValues = nextValues
        self.terminated = terminated
        self.truncated = truncated
        self.valid = valid ?? Array(repeating: 1, count: n)
    }

    /// Whether step `t` of copy `i` ended its episode.
    @inlinable func isDone(_ index: Int) -> Bool { terminated[index] != 0 || truncated[index] != 0 }
}
