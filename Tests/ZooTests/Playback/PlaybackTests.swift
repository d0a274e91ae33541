import Testing
@testable import Zoo

/// Filming episodes into a GIF: LunarLander (discrete and continuous) with the heuristic,
/// frame counts and delays, the overlay on every frame, and unrenderable environments.
@Suite("Playback")
struct PlaybackTests {
    @Test func aShortLunarLanderEpisodeBecomesAnAnimatedGIF() throws {
        for id in ["LunarLander-v3", "LunarLanderContinuous-v3"] {
            var env = try make(id, maxEpisodeSteps: 21)
            var policy = try BuiltinPolicies.make("heuristic", environment: id, actionSpace: env.actionSpace, seed: 0)
            let options = PlaybackOptions(episodes: 2, seed: 5)
            let recording = try EpisodePlayback.record(&env, policy: &policy, options: options, environmentName: id)
            #expect(recording.lengths == [21, 21])
            // Per episode: the reset frame, steps 2, 4, …, 20, and the last step (21).
            #expect(recording.frames == 2 * (1 + 10 + 1))
            let gif = try DecodedGIF(recording.gif)
            #expect(gif.width == 600 && gif.height == 400 && gif.loopCount == 0)
            #expect(gif.frames.count == recording.frames)
            #expect(gif.delays.filter { $0 == 100 }.count == 2 && gif.delays.filter { $0 == 4 }.count == 22)
            // The lander's colour is in the picture, and the caption box in the corner.
            let first = gif.frames[0].map { gif.globalColors[Int($0)] }
            #expect(first.contains(LunarLanderPalette.body))
            #expect(first[600 + 1] == RenderColors.overlayBox)
            // The same seeds give the same returns as an evaluation.
            var again = try make(id, maxEpisodeSteps: 21)
            var heuristic = try BuiltinPolicies.make("heuristic", environment: id, actionSpace: again.actionSpace, seed: 0)
            let summary = try PolicyEvaluation.run(&again, policy: &heuristic, episodes: 2, seed: 5)
            #expect(summary.returns == recording.returns)
        }
    }

    @Test func theCaptionChangesWithTheReturn() throws {
        var env = try make("CartPole-v1", maxEpisodeSteps: 6)
        var policy = RandomPolicy(space: env.actionSpace, seed: 1)
        let recording = try EpisodePlayback.record(&env, policy: &policy, options: PlaybackOptions(), environmentName: "CartPole-v1")
        let gif = try DecodedGIF(recording.gif)
        #expect(gif.frames.count == 1 + 3)
        // The caption rows differ between the first and the last frame (step and return).
        let caption = { (frame: [UInt8]) in (0..<40).flatMap { y in frame[(y * 600)..<(y * 600 + 300)] } }
        #expect(caption(gif.frames[0]) != caption(gif.frames[3]))
    }

    @Test func rejectsBadOptions() throws {
        var env = try make("CartPole-v1")
        var policy = RandomPolicy(space: env.actionSpace, seed: 1)
        #expect(throws: ZooError.self) {
            _ = try EpisodePlayback.record(&env, policy: &policy, options: PlaybackOptions(episodes: 0), environmentName: "CartPole-v1")
        }
    }
}
