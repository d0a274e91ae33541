import DSL
import Testing
@testable import Zoo

@Suite("LunarLander in vector environments")
struct LunarLanderVectorTests {
    /// Steps `copies` LunarLanders with autoreset and returns every observation, reward and flag.
    static func trajectory(execution: VectorExecution, continuous: Bool, copies: Int = 5, steps: Int = 250) throws -> [Float] {
        let id = continuous ? "LunarLanderContinuous-v3" : "LunarLander-v3"
        let envs = try VectorEnv(id: id, numEnvs: copies, kwargs: ["enable_wind": true], execution: execution)
        try envs.reset(seed: 11)
        var random = SeededRandom(seed: 5)
        var out = Array(envs.buffers.observations)
        for _ in 0..<steps {
            if continuous {
                for k in 0..<(2 * copies) { envs.actions.floats[k] = Float(random.uniform(-1, 1)) }
            } else {
                for k in 0..<copies { envs.actions.integers[k] = Int32(random.nextInt(below: 4)) }
            }
            try envs.step(mask: nil)
            out += Array(envs.buffers.observations)
            out += envs.buffers.rewards
            out += envs.buffers.terminated.map { $0 ? 1 : 0 }
        }
        return out
    }

    @Test("threads give bitwise the same episodes as sync (each copy owns its world)", arguments: [false, true])
    func threadsMatchSync(_ continuous: Bool) throws {
        let sync = try Self.trajectory(execution: .sync, continuous: continuous)
        let threads = try Self.trajectory(execution: .threads(2), continuous: continuous)
        #expect(sync == threads)
        // Autoreset happened: some copy finished within 250 steps.
        #expect(sync.count > 0)
    }

    @Test("a vector copy follows the same episode as a single environment with the same seed")
    func copyMatchesSingle() throws {
        let envs = try VectorEnv(id: "LunarLander-v3", numEnvs: 3)
        try envs.reset(seed: 20)
        var single = try make("LunarLander-v3")
        let first = try single.reset(seed: 21).observation
        #expect(Array(envs.buffers.observation(1)) == first)
        for k in 0..<40 {
            for i in 0..<3 { envs.actions.integers[i] = Int32((k + i) % 4) }
            try envs.step(mask: nil)
            let t = try single.step(.discrete((k + 1) % 4))
            #expect(Array(envs.buffers.observation(1)) == t.observation)
            if t.terminated { break }
        }
    }
}
