import DSL
import Zoo

/// The deterministic counter environment of `scripts/gym_vector_semantics.py`, defined
/// the same way: observation [seed, episode, t]; reward t + 0.5·action; the episode with
/// k = seed + episode lasts 2 + k % 4 steps and ends terminated (k % 5 ∈ {0, 1}),
/// truncated (k % 5 ∈ {2, 3}) or both (k % 5 = 4).
struct CounterEnv: Environment {
    var random = SeededRandom(seed: 0)
    var base = 0
    var episode = -1
    var t = 0
    var length = 0
    var kind = 0

    var observationSpace: Box { try! Box(low: -.infinity, high: .infinity, shape: [3]) }
    var actionSpace: ActionSpace { .discrete(try! Discrete(3)) }

    mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> Info? {
        random.reseed(seed)
        if let seed {
            base = seed
            episode = 0
        } else {
            episode += 1
        }
        t = 0
        let k = base + episode
        length = 2 + k % 4
        kind = k % 5
        write(observation)
        return Info(["tag": .int(100 * base + episode)])
    }

    mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>
    ) throws(EnvError) -> StepOutcome {
        let a = try action.discrete(in: try! Discrete(3))
        t += 1
        let done = t >= length
        write(observation)
        return StepOutcome(
            reward: Double(t) + 0.5 * Double(a),
            terminated: done && [0, 1, 4].contains(kind),
            truncated: done && [2, 3, 4].contains(kind),
            info: done ? Info(["last": .int(t)]) : nil)
    }

    private func write(_ row: UnsafeMutableBufferPointer<Float>) {
        row[0] = Float(base)
        row[1] = Float(episode)
        row[2] = Float(t)
    }
}
