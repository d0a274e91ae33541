import Foundation
import Testing
import DSL
@testable import Zoo
@testable import ZooEnvironments

/// `<Game>NoFrameskip-v4` inside `AtariPreprocessing` against Gymnasium's (no-op starts
/// drawn from the seeded `np_random`, frame skip 4, 84 × 84 grey), and the recipe wrappers.
@Suite("Atari preprocessing against Gymnasium")
struct AtariPreprocessingTests {
    @Test(arguments: GymAtariFixture.games)
    func preprocessedEpisodesMatchGymnasium(rom: String, name: String) throws {
        let fixture = try GymAtariFixture.load(rom)
        guard let made = atariOrIssue("\(name)NoFrameskip-v4") else { return }
        var env = try AtariPreprocessing(try #require(made as? AtariEnvironment))
        #expect(env.observationSpace.shape == [84, 84])
        for episode in fixture.preprocessed {
            let label = "\(name) preprocessed seed \(episode.seed)"
            let result = try replay(&env, episode, label)
            #expect(result.screenMismatches.isEmpty, "\(label): \(result.screenMismatches.count) of \(result.steps + 1) observations differ, first \(result.screenMismatches.prefix(5))")
        }
    }

    @Test func preprocessingNeedsFrameskipOne() throws {
        guard let made = atariOrIssue("ALE/Pong-v5") else { return }
        let env = try #require(made as? AtariEnvironment)
        #expect(throws: EnvError.self) { try AtariPreprocessing(env) }
        #expect(throws: EnvError.self) {
            try ObservationWrappers([.episodicLife]).apply(to: make("CartPole-v1"))
        }
    }

    /// SB3's set over Breakout: a lost life ends the training episode, rewards are clipped,
    /// and the episode statistics still see one whole game with the game's own score.
    @Test func episodeStatisticsCountWholeGames() throws {
        guard atariOrIssue("BreakoutNoFrameskip-v4") != nil else { return }
        let document = try RecipeDocument(text: """
            id: BreakoutNoFrameskip-v4
            copies: 2
            wrappers: [{noop_reset: {noop_max: 30}}, {max_and_skip: {skip: 4}}, episodic_life, fire_reset, {warp_frame: {size: 84}}, clip_reward, {frame_stack: {depth: 4}}]
            """, file: "env.yaml")
        let built = try EnvironmentRecipe.read(document.root).build(seed: 0)
        #expect(built.statistics.countsGames)
        #expect(built.outer.singleObservationSpace.shape == [4, 84, 84])
        try built.outer.reset(seed: 3)
        var lifeEnds = 0, games: [Double] = []
        var actionRandom = SeededRandom(seed: 9)
        for _ in 0..<900 where games.count < 2 {
            try built.outer.step((0..<2).map { _ in actionRandom.nextInt(below: 4) })
            let b = built.outer.buffers
            for i in 0..<2 {
                #expect([-1, 0, 1].contains(b.rewards[i]))
                if b.terminated[i] { lifeEnds += 1 }
                if built.statistics.episode.mask[i] { games.append(built.statistics.episode.reward[i]) }
            }
        }
        #expect(games.count >= 1 && lifeEnds >= 5 * games.count, "\(games.count) games, \(lifeEnds) lives lost")
    }
}
