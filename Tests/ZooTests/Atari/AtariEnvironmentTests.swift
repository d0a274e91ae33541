import Foundation
import Testing
@testable import ZooEnvironments

/// `ALE/<Game>-v5` against Gymnasium's episodes (sticky actions on, several seeds):
/// rewards, flags, lives and the CRC-32 of every RGB observation.
@Suite("Atari environments against Gymnasium")
struct AtariEnvironmentTests {
    @Test(arguments: GymAtariFixture.games)
    func v5EpisodesMatchGymnasium(rom: String, name: String) throws {
        let fixture = try GymAtariFixture.load(rom)
        guard let made = atariOrIssue("ALE/\(name)-v5") else { return }
        var env = try #require(made as? AtariEnvironment)
        for episode in fixture.v5 {
            let label = "\(name) seed \(episode.seed)"
            let result = try replay(&env, episode, label)
            #expect(result.screenMismatches.isEmpty, "\(label): \(result.screenMismatches.count) of \(result.steps + 1) observations differ, first \(result.screenMismatches.prefix(5))")
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

/// What replaying one Gymnasium episode found.
struct ReplayResult {
    /// Steps (and the reset) whose observation's CRC-32 differs from Gymnasium's.
    var screenMismatches: [Int] = []
    var steps = 0
}

/// Replays `episode`'s actions through `env`: reward, flags, lives and the RAM must equal
/// Gymnasium's at every step; observations whose digest differs are returned.
func replay<E: ArcadeEnvironment>(_ env: inout E, _ episode: GymAtariFixture.Episode, _ label: String) throws -> ReplayResult {
    var result = ReplayResult()
    var observation = [UInt8](repeating: 0, count: env.observationSpace.count)
    _ = try observation.withUnsafeMutableBufferPointer { buffer throws(EnvError) in
        try env.reset(seed: episode.seed, options: .none, into: buffer)
    }
    func ramCRC() -> UInt32 { (env.atari.session?.console.ram ?? []).withUnsafeBufferPointer(zlibCRC32) }
    #expect(ramCRC() == episode.reset_ram_crc, "\(label): RAM after reset")
    #expect(env.atari.lives == episode.reset_lives, "\(label): lives after reset")
    if observation.withUnsafeBufferPointer(zlibCRC32) != episode.reset_crc { result.screenMismatches.append(-1) }
    for (t, step) in episode.steps.enumerated() {
        let outcome = try observation.withUnsafeMutableBufferPointer { buffer throws(EnvError) in
            try env.step(.discrete(step[0].int), into: buffer)
        }
        let same = outcome.reward == step[1].double && outcome.terminated == step[2].bool
            && outcome.truncated == step[3].bool && env.atari.lives == step[4].int && ramCRC() == UInt32(step[6].int)
        #expect(same, "\(label) step \(t): got reward \(outcome.reward) terminated \(outcome.terminated) lives \(env.atari.lives), Gymnasium \(step.map(\.double))")
        if !same { return result }
        if observation.withUnsafeBufferPointer(zlibCRC32) != UInt32(step[5].int) { result.screenMismatches.append(t) }
        result.steps += 1
    }
    return result
}

