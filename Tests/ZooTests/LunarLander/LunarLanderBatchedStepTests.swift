import DSL
import Testing
@testable import Physics2D
@testable import Zoo
@testable import ZooEnvironments

/// `VectorEnv` steps LunarLander copies' worlds together (`WorldBatching`, Physics2D's
/// `WorldBatch`); these tests hold it to giving every copy the bits it gets alone.
@Suite("LunarLander copies whose worlds are stepped together")
struct LunarLanderBatchedStepTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var continuous = false
        var wind = false
        var threads = 0
        var autoreset = AutoresetMode.nextStep
        var masked = false
        var testDescription: String {
            "\(continuous ? "continuous" : "discrete"), wind \(wind ? "on" : "off"), "
                + (threads == 0 ? "sync" : "\(threads) threads") + ", \(autoreset)" + (masked ? ", step masks" : "")
        }
    }

    /// A copy's physics state beyond its observation, as bits: joint and contact impulses
    /// (what warm-starts the next step), body velocities and sleep timers.
    static func physicsState(_ env: any Environment) -> [UInt32] {
        guard let lander = env as? TimeLimit<LunarLander>, let world = lander.base.scene?.world else { return [] }
        var bits: [UInt32] = []
        for b in world.bodyList {
            bits += [b.linearVelocity.x, b.linearVelocity.y, b.angularVelocity, b.sleepTime].map(\.bitPattern)
        }
        for j in world.jointList {
            bits += [j.motorImpulse, j.impulse.x, j.impulse.y, j.impulse.z].map(\.bitPattern)
        }
        for c in world.contactList {
            let m = c.manifold
            bits += [m.point0.normalImpulse, m.point0.tangentImpulse, m.point1.normalImpulse, m.point1.tangentImpulse].map(\.bitPattern)
        }
        return bits
    }

    static let cases = [
        Case(),
        Case(wind: true, threads: 2),
        Case(continuous: true, wind: true, autoreset: .sameStep),
        Case(continuous: true, threads: 2, autoreset: .sameStep),
        Case(wind: true, masked: true),
    ]

    @Test("each copy's observations, rewards and flags are those of the copy stepped alone", arguments: cases)
    func matchesCopiesAlone(_ c: Case) throws {
        // 11 copies: a full lane batch and a partial one in the calling thread, two partial
        // ones on two threads. A short time limit adds truncations to the episode ends.
        let copies = 11, steps = 360, limit = 240
        let kwargs: Kwargs = [
            "continuous": .bool(c.continuous), "enable_wind": .bool(c.wind), "turbulence_power": .double(1.9),
        ]
        let envs = try VectorEnv(
            id: "LunarLander-v3", numEnvs: copies, kwargs: kwargs, maxEpisodeSteps: limit, autoreset: c.autoreset,
            execution: c.threads == 0 ? .sync : .threads(c.threads))
        #expect(envs.worldBatching != nil)
        var alone = try (0..<copies).map { _ in try make("LunarLander-v3", kwargs, maxEpisodeSteps: limit) }
        let seeds = (0..<copies).map { 100 + 7 * $0 }
        try envs.reset(seeds: seeds, options: .none, mask: nil)
        var expected = try (0..<copies).map { try alone[$0].reset(seed: seeds[$0]).observation }
        for i in 0..<copies { #expect(Array(envs.buffers.observation(i)) == expected[i]) }

        var random = SeededRandom(seed: 3)
        var pending = [Bool](repeating: false, count: copies)
        var flags = [(Bool, Bool)](repeating: (false, false), count: copies)
        var episodes = 0, legContacts = 0
        for t in 0..<steps {
            var actions: [Action] = []
            // Gymnasium's heuristic with random actions mixed in: landers touch down, stand
            // on one leg or two, tip over, crash, fall asleep, fly off.
            for i in 0..<copies {
                let explore = random.nextInt(below: 10) < 3
                if c.continuous {
                    let a = explore
                        ? [Float(random.uniform(-1.2, 1.2)), Float(random.uniform(-1.2, 1.2))]
                        : LunarLanderHeuristic.continuousAction(expected[i])
                    envs.actions.floats[2 * i] = a[0]
                    envs.actions.floats[2 * i + 1] = a[1]
                    actions.append(.continuous(a))
                } else {
                    let a = explore ? random.nextInt(below: 4) : LunarLanderHeuristic.discreteAction(expected[i])
                    envs.actions.integers[i] = Int32(a)
                    actions.append(.discrete(a))
                }
            }
            let mask = (0..<copies).map { _ in !c.masked || random.nextInt(below: 5) > 0 }
            try envs.step(mask: c.masked ? mask : nil)
            for i in 0..<copies {
                var reward: Float = 0, (terminated, truncated) = (false, false)
                var final: [Float]?
                if !mask[i] {
                    // A masked-out copy does not move and keeps its flags.
                    (terminated, truncated) = flags[i]
                } else if c.autoreset == .nextStep && pending[i] {
                    expected[i] = try alone[i].reset().observation
                    pending[i] = false
                } else {
                    let tr = try alone[i].step(actions[i])
                    (reward, terminated, truncated) = (Float(tr.reward), tr.terminated, tr.truncated)
                    expected[i] = tr.observation
                    if tr.terminated || tr.truncated {
                        episodes += 1
                        if c.autoreset == .sameStep {
                            final = tr.observation
                            expected[i] = try alone[i].reset().observation
                        } else {
                            pending[i] = true
                        }
                    }
                }
                flags[i] = (terminated, truncated)
                if expected[i][6] == 1 || expected[i][7] == 1 { legContacts += 1 }
                let row = Array(envs.buffers.observation(i))
                #expect(row.map(\.bitPattern) == expected[i].map(\.bitPattern), "copy \(i), step \(t)")
                #expect(envs.buffers.rewards[i].bitPattern == reward.bitPattern, "copy \(i), step \(t)")
                #expect(envs.buffers.terminated[i] == terminated && envs.buffers.truncated[i] == truncated, "copy \(i), step \(t)")
                let state = Self.physicsState(alone[i]), batchedState = Self.physicsState(envs.copy(i))
                #expect(!state.isEmpty && batchedState == state, "copy \(i), step \(t)")
                if let final {
                    #expect(Array(envs.buffers.finalObservation(i)).map(\.bitPattern) == final.map(\.bitPattern), "copy \(i), step \(t)")
                }
                if row != expected[i] || batchedState != state { return }
            }
        }
        // The run covered episode ends (so resets) and landers standing on their legs.
        #expect(episodes >= copies, "\(episodes) episodes")
        #expect(legContacts > 200, "\(legContacts) copy-steps on legs")
    }
}
