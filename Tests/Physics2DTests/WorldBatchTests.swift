import Testing
@testable import Physics2D

/// A small seeded generator (SplitMix64), so the scenes below are the same on every run.
private struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [low, high).
    mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * Float(next() >> 40) / Float(1 << 24)
    }
}

/// The lander scene's world with its lander body (scene body 1).
private func landerWorld(_ s: SceneFixture) throws -> (World, Body) {
    let (world, bodies) = try buildWorld(s)
    return (world, bodies[1]!)
}

/// Random engine pulses on a lander, the same for a world and its twin: hovering,
/// drifting, touching down on one leg or two, tipping over, crashing, settling.
private func pulse(_ lander: Body, _ random: inout SplitMix) {
    switch random.next() % 6 {
    case 0, 1:
        let point = lander.worldPoint(Vec2(random.uniform(-0.2, 0.2), random.uniform(-0.3, 0)))
        lander.applyLinearImpulse(lander.worldVector(Vec2(random.uniform(-0.5, 0.5), random.uniform(1, 5))), point: point)
    case 2:
        let point = lander.worldPoint(Vec2(random.uniform(-0.6, 0.6), random.uniform(0, 0.5)))
        lander.applyLinearImpulse(Vec2(random.uniform(-0.6, 0.6), random.uniform(-0.2, 0.2)), point: point)
    case 3:
        lander.applyForceToCenter(Vec2(random.uniform(-15, 15), 0))
        lander.applyTorque(random.uniform(-1.5, 1.5))
    default:
        break
    }
}

@Suite("WorldBatch: worlds stepped together step bit for bit as alone")
struct WorldBatchTests {
    @Test("lane negation, min and max choose as the scalar operations do, signed zeros and NaNs included")
    func laneArithmetic() {
        let values: [Float] = [0, -0.0, 1, -1, 1e-30, -1e-30, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]
        for x in values {
            if !x.isNaN { #expect((-Lanes(repeating: x))[3].bitPattern == (-x).bitPattern, "-\(x)") }
            for y in values {
                let lx = Lanes(repeating: x), ly = Lanes(repeating: y)
                #expect(laneMin(lx, ly)[5].bitPattern == min(x, y).bitPattern, "min(\(x), \(y))")
                #expect(laneMax(lx, ly)[6].bitPattern == max(x, y).bitPattern, "max(\(x), \(y))")
            }
        }
        var mask = LaneMask()
        #expect(!laneAny(mask))
        for l in 0..<laneCount {
            mask = LaneMask()
            mask[l] = true
            #expect(laneAny(mask), "lane \(l)")
        }
    }

    /// Steps `worlds.count` landers (and `others`, scenes without joints) for `steps`
    /// steps, the batched ones through a `WorldBatch` and their twins one by one, with the
    /// same random pulses, and expects identical traces after every step. `iterations`
    /// gives each lander's velocity iterations.
    private func compare(landers count: Int, others: [String], steps: Int, iterations: (Int) -> Int, seed: UInt64) throws {
        let s = try SceneFixture.load("physics2d_lander")
        var batched: [(World, Body?)] = [], alone: [(World, Body?)] = []
        for _ in 0..<count {
            let (a, la) = try landerWorld(s), (b, lb) = try landerWorld(s)
            batched.append((a, la))
            alone.append((b, lb))
        }
        var otherScenes: [SceneFixture] = []
        for name in others {
            let o = try SceneFixture.load(name)
            otherScenes.append(o)
            batched.append((try buildWorld(o).0, nil))
            alone.append((try buildWorld(o).0, nil))
        }
        let batch = WorldBatch()
        var randoms = (0..<count).map { SplitMix(state: seed &+ UInt64($0)) }
        for k in 0..<steps {
            for i in 0..<count {
                var twin = randoms[i]
                pulse(batched[i].1!, &randoms[i])
                pulse(alone[i].1!, &twin)
            }
            for (i, (world, _)) in batched.enumerated() {
                let (dt, velocity, position) = i < count
                    ? (Float(s.dt), iterations(i), s.positionIterations)
                    : (Float(otherScenes[i - count].dt), otherScenes[i - count].velocityIterations, otherScenes[i - count].positionIterations)
                batch.begin(world, dt: dt, velocityIterations: velocity, positionIterations: position)
                alone[i].0.step(dt, velocityIterations: velocity, positionIterations: position)
            }
            batch.finish()
            for i in batched.indices {
                let expected = trace(alone[i].0), actual = trace(batched[i].0)
                #expect(expected == actual, "world \(i) differs after step \(k)")
                if expected != actual { return }
            }
        }
    }

    @Test("landers in flight, on the ground and asleep, with other scenes in the same batch")
    func landers() throws {
        try compare(landers: 11, others: ["physics2d_stack", "physics2d_boxes_on_edges"], steps: 300,
                    iterations: { _ in 180 }, seed: 1)
    }

    @Test("worlds with different velocity iteration counts are solved apart")
    func iterationCounts() throws {
        try compare(landers: 10, others: [], steps: 120, iterations: { $0 % 3 == 0 ? 30 : 180 }, seed: 7)
    }
}
