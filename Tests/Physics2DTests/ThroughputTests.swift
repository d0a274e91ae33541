import Foundation
import Testing
@testable import Physics2D

/// Opt-in throughput measurement (not a timed assertion): `ZOO_LONG_TESTS=1 swift test -c release ...`
/// prints LunarLander-scene steps per second.
@Suite("Throughput (opt-in)")
struct ThroughputTests {
    static let enabled = ProcessInfo.processInfo.environment["ZOO_LONG_TESTS"] == "1"

    @Test("lander scene steps per second", .enabled(if: ThroughputTests.enabled))
    func landerThroughput() throws {
        let s = try SceneFixture.load("physics2d_lander")
        var byStep: [Int: [SceneFixture.Action]] = [:]
        for a in s.actions { byStep[a.step, default: []].append(a) }
        let episodes = 40
        var steps = 0
        var checksum: Float = 0
        let clock = ContinuousClock()
        var stepTime = Duration.zero
        var flightTime = Duration.zero
        var flightSteps = 0
        for _ in 0..<episodes {
            let (world, bodies) = try buildWorld(s)
            for k in 0..<s.steps {
                for a in byStep[k] ?? [] {
                    let b = bodies[a.body]!
                    if a.kind == "impulse" { b.applyLinearImpulse(v(a.value), point: v(a.point!)) } else { b.applyForceToCenter(v(a.value)) }
                }
                let t0 = clock.now
                world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60)
                let dt = clock.now - t0
                stepTime += dt
                steps += 1
                // Before the first leg touches down (step 121 in the fixture) only the joints are solved.
                if k < 120 { flightTime += dt; flightSteps += 1 }
            }
            checksum += bodies[1]!.position.x
        }
        let seconds = Double(stepTime.components.seconds) + Double(stepTime.components.attoseconds) * 1e-18
        let flight = Double(flightTime.components.seconds) + Double(flightTime.components.attoseconds) * 1e-18
        print("THROUGHPUT lander: \(steps) steps in \(seconds) s = \(Int(Double(steps) / seconds)) steps/s, \(seconds / Double(steps) * 1e6) µs/step (checksum \(checksum))")
        print("THROUGHPUT flight phase: \(flight / Double(flightSteps) * 1e6) µs/step; after touchdown: \((seconds - flight) / Double(steps - flightSteps) * 1e6) µs/step")
        #expect(checksum.isFinite)
    }
}

/// Opt-in allocation probe: `ZOO_ALLOC_STEPS=n` steps a settled lander world `n` more times
/// so that an external allocation counter (valgrind) can compare runs with different `n`.
@Suite("Allocation probe (opt-in)")
struct AllocationProbe {
    static let steps = Int(ProcessInfo.processInfo.environment["ZOO_ALLOC_STEPS"] ?? "") ?? 0

    @Test("steady-state stepping", .enabled(if: AllocationProbe.steps > 0))
    func probe() throws {
        let s = try SceneFixture.load("physics2d_lander")
        let (world, bodies) = try buildWorld(s)
        var byStep: [Int: [SceneFixture.Action]] = [:]
        for a in s.actions { byStep[a.step, default: []].append(a) }
        world.allowSleep = false  // keep solving contacts and joints every step
        for k in 0..<s.steps {
            for a in byStep[k] ?? [] {
                let b = bodies[a.body]!
                if a.kind == "impulse" { b.applyLinearImpulse(v(a.value), point: v(a.point!)) } else { b.applyForceToCenter(v(a.value)) }
            }
            world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60)
        }
        let lander = bodies[1]!
        print("ALLOCPROBE-BEGIN")
        for k in 0..<AllocationProbe.steps {
            // Small engine pulses keep contacts beginning and ending.
            if k % 40 == 0 { lander.applyLinearImpulse(Vec2(0, 4), point: lander.worldCenter) }
            world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60)
        }
        print("ALLOCPROBE-END", lander.position)
        #expect(lander.position.y.isFinite)
    }
}
