import Foundation
import Testing
@testable import ZooEnvironments

/// `ALE/<Game>-v5` against Gymnasium's episodes (sticky actions on, several seeds):
/// rewards, flags, lives and the CRC-32 of every RGB observation.
@Suite("Atari environments against Gymnasium")
struct AtariEnvironmentTests {
    @Test(arguments: [("pong", "Pong"), ("breakout", "Breakout")])
    func v5EpisodesMatchGymnasium(rom: String, name: String) throws {
        let fixture = try GymAtariFixture.load(rom)
        guard let made = atariOrIssue("ALE/\(name)-v5") else { return }
        var env = try #require(made as? AtariEnvironment)
        for episode in fixture.v5 {
            try check(&env, episode, "\(name) seed \(episode.seed)")
        }
    }

    @Test func idsKwargsAndErrors() throws {
        let ids = EnvironmentRegistry.shared.ids
        #expect(ids.contains("ALE/Pong-v5") && ids.contains("BreakoutNoFrameskip-v4"))
        #expect(throws: EnvError.self) { try make("ALE/Pong-v5", ["obs_type": .string("rgbd")]) }
        #expect(throws: EnvError.self) { try make("ALE/Pong-v5", ["mode": .int(1)]) }
        let missing = EnvError.romNotFound(game: "Pong", file: "pong.bin", md5: "x", searched: [])
        #expect("\(missing)".contains("pip install ale-py"))
        guard let env = atariOrIssue("PongNoFrameskip-v4", ["obs_type": .string("grayscale"), "full_action_space": .bool(true)]) else { return }
        #expect(env.observationSpace.shape == [210, 160])
        #expect(env.actionSpace == .discrete(Discrete(unchecked: 18)))
    }
}

/// Replays `episode`'s actions through `env` and compares every step.
func check<E: Environment>(_ env: inout E, _ episode: GymAtariFixture.Episode, _ label: String) throws where E.ObservationScalar == UInt8 {
    var observation = [UInt8](repeating: 0, count: env.observationSpace.count)
    _ = try observation.withUnsafeMutableBufferPointer { buffer throws(EnvError) in
        try env.reset(seed: episode.seed, options: .none, into: buffer)
    }
    #expect(observation.withUnsafeBufferPointer(zlibCRC32) == episode.reset_crc, "\(label): reset observation")
    for (t, step) in episode.steps.enumerated() {
        let outcome = try observation.withUnsafeMutableBufferPointer { buffer throws(EnvError) in
            try env.step(.discrete(step[0].int), into: buffer)
        }
        let crc = observation.withUnsafeBufferPointer(zlibCRC32)
        let same = outcome.reward == step[1].double && outcome.terminated == step[2].bool
            && outcome.truncated == step[3].bool && crc == UInt32(step[5].int)
        #expect(same, "\(label) step \(t): got reward \(outcome.reward) terminated \(outcome.terminated) crc \(crc), Gymnasium \(step)")
        if !same { return }
    }
}
