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
        for _ in 0..<episodes {
            let (world, bodies) = try buildWorld(s)
            for k in 0..<s.steps {
                for a in byStep[k] ?? [] {
                    let b = bodies[a.body]!
                    if a.kind == "impulse" { b.applyLinearImpulse(v(a.value), point: v(a.point!)) } else { b.applyForceToCenter(v(a.value)) }
                }
                let t0 = clock.now
                world.step(Float(s.dt), velocityIterations: 180, positionIterations: 60)
                stepTime += clock.now - t0
                steps += 1
            }
            checksum += bodies[1]!.position.x
        }
        let seconds = Double(stepTime.components.seconds) + Double(stepTime.components.attoseconds) * 1e-18
        print("THROUGHPUT lander: \(steps) steps in \(seconds) s = \(Int(Double(steps) / seconds)) steps/s, \(seconds / Double(steps) * 1e6) µs/step (checksum \(checksum))")
        #expect(checksum.isFinite)
    }
}
