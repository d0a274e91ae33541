import Foundation

/// A batch of categorical distributions over discrete actions, parameterised by logits
/// (the policy head of a discrete-action agent).
///
/// Log-probabilities come from a log-softmax, so they stay finite for very negative
/// logits; sampling draws from a `SeededRandom` so that rollouts are reproducible.
public struct Categorical {
    /// Normalised log-probabilities, [batch, actions].
    public let logProbabilities: Tensor

    /// Distributions with the given unnormalised `logits`, shape [batch, actions].
    public init(logits: Tensor) {
        precondition(logits.rank == 2, "Categorical needs logits of shape [batch, actions], got \(logits.shape)")
        logProbabilities = logits.logSoftmax(axis: 1)
    }

    /// Number of actions.
    public var actionCount: Int { logProbabilities.shape[1] }

    /// log π(a) for each row's action (`actions` [batch], exact integers), shape [batch].
    public func logProbability(of actions: Tensor) -> Tensor {
        logProbabilities.gather(axis: 1, indices: actions.reshaped([-1, 1])).reshaped([-1])
    }

    /// −Σ π log π per row, shape [batch].
    public func entropy() -> Tensor {
        let p = logProbabilities.exp()
        return -(p * logProbabilities).sum(axes: [1])
    }

    /// One action per row, drawn by inverting the cumulative distribution with a uniform
    /// draw from `random`. Returns [batch] exact integers.
    public func sample(using random: inout SeededRandom) -> Tensor {
        let rows = logProbabilities.shape[0], n = actionCount
        let logp = logProbabilities.storage.pointer
        var actions = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            let u = Float(random.nextDouble())
            var cumulative: Float = 0
            var chosen = n - 1
            for a in 0..<n {
                let p = expf(logp[r * n + a])
                cumulative += p
                if u < cumulative && p > 0 {
                    chosen = a
                    break
                }
            }
            // Never pick a zero-probability action through rounding at the top end.
            while chosen > 0 && expf(logp[r * n + chosen]) == 0 { chosen -= 1 }
            actions[r] = Float(chosen)
        }
        return Tensor(shape: [rows], scalars: actions)
    }

    /// The most probable action per row (ties: the lowest index), [batch].
    public func mode() -> Tensor {
        let rows = logProbabilities.shape[0], n = actionCount
        let logp = logProbabilities.storage.pointer
        var actions = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            var best = 0
            for a in 1..<n where logp[r * n + a] > logp[r * n + best] { best = a }
            actions[r] = Float(best)
        }
        return Tensor(shape: [rows], scalars: actions)
    }
}
