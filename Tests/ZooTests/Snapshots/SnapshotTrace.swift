import Testing
@testable import Zoo

/// What a stretch of steps produced, as exact bit patterns: observations, rewards, flags,
/// and the observations of the resets taken when an episode ended.
struct SnapshotTrace: Equatable, CustomStringConvertible {
    var lines: [String] = []
    /// The actions taken, to replay the same stretch elsewhere.
    var actions: [Action] = []

    var description: String { lines.prefix(3).joined(separator: "\n") }

    static func bits(_ row: [Float]) -> String { row.map { String($0.bitPattern, radix: 16) }.joined(separator: " ") }

    /// Steps `env` `count` times; `policy(t, observation)` chooses each action unless
    /// `replaying` gives them. An ended episode is followed by `reset(seed: nil)`, which
    /// continues the environment's random stream (so the stream is checked too).
    static func run(
        _ env: inout any Environment, from observation: [Float], count: Int,
        replaying: [Action]? = nil, policy: (Int, [Float]) -> Action
    ) throws -> (SnapshotTrace, [Float]) {
        var trace = SnapshotTrace()
        var obs = observation
        for t in 0..<count {
            let action = replaying?[t] ?? policy(t, obs)
            trace.actions.append(action)
            let step = try env.step(action)
            trace.lines.append("\(t) obs \(bits(step.observation)) r \(String(step.reward.bitPattern, radix: 16)) "
                               + "term \(step.terminated) trunc \(step.truncated)")
            obs = step.observation
            if step.terminated || step.truncated {
                obs = try env.reset(seed: nil).observation
                trace.lines.append("\(t) reset \(bits(obs))")
            }
        }
        return (trace, obs)
    }
}

/// Deterministic "random-ish" actions for an action space.
enum SnapshotPolicies {
    static func patterned(_ space: ActionSpace) -> (Int, [Float]) -> Action {
        { t, _ in
            let h = (t &* 2_654_435_761) & 0xFFFF
            switch space {
            case let .discrete(d): return .discrete(d.start + (t * 7 + h % 5) % d.n)
            case let .box(b):
                return .continuous((0..<b.count).map { k in
                    let u = Float((h >> (k * 3)) % 200) / 100 - 1
                    let low = b.low[k].isFinite ? b.low[k] : -1, high = b.high[k].isFinite ? b.high[k] : 1
                    return low + (u + 1) / 2 * (high - low)
                })
            case let .multiDiscrete(m): return .multiDiscrete(zip(m.nvec, m.start).map { $1 + t % $0 })
            }
        }
    }

    /// Gymnasium's LunarLander heuristic: lands, touches down, settles and sleeps.
    static func heuristic(continuous: Bool) -> (Int, [Float]) -> Action {
        { _, obs in
            continuous ? .continuous(LunarLanderHeuristic.continuousAction(obs)) : .discrete(LunarLanderHeuristic.discreteAction(obs))
        }
    }
}
