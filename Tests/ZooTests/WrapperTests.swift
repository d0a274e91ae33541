import Foundation
import Testing
@testable import Zoo

private struct WrapperFixture: Decodable {
    struct Single: Decodable {
        let state: [Double]
        let gamma: Double
        let actions: [[Float]]
        let obs: [[Double]]
        let rewards: [Double]
        let obs_mean: [Double]
        let obs_var: [Double]
        let obs_count: Double
        let return_var: Double
    }
    struct VectorStep: Decodable {
        let actions: [Int]
        let obs: [[Double]]
        let rewards: [Double]
    }
    struct Vector: Decodable {
        let seed: Int
        let gamma: Double
        let reset_obs: [[Double]]
        let steps: [VectorStep]
        let return_var: Double
    }
    struct Actions: Decodable {
        let state: [Double]
        let rescale_actions: [[Float]]
        let rescale_obs: [[Double]]
        let clip_actions: [[Float]]
        let clip_obs: [[Double]]
    }
    let generator: String
    let single_normalize: Single
    let vector_normalize: Vector
    let action_wrappers: Actions
}

private func maxError(_ a: [Float], _ b: [Double]) -> Double {
    zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
}

@Suite("Wrappers match Gymnasium")
struct WrapperTests {
    fileprivate let fixture: WrapperFixture

    init() throws {
        fixture = try Fixtures.load("wrappers", as: WrapperFixture.self)
    }

    @Test func singleNormalizationMatchesGymnasium() throws {
        let f = fixture.single_normalize
        #expect(fixture.generator == "scripts/gym_wrapper_fixtures.py")
        var pendulum = Pendulum()
        pendulum.state = f.state
        var env = try NormalizeReward(try NormalizeObservation(pendulum), gamma: f.gamma)
        var worstObs = 0.0, worstReward = 0.0
        for (t, action) in f.actions.enumerated() {
            let step = try env.step(action)
            worstObs = max(worstObs, maxError(step.observation, f.obs[t]))
            worstReward = max(worstReward, abs(step.reward - f.rewards[t]))
        }
        print("normalize single: max |obs error| = \(worstObs), max |reward error| = \(worstReward)")
        #expect(worstObs < 1e-6)
        #expect(worstReward < 1e-6)
        #expect(abs(env.base.statistics.count - f.obs_count) < 1e-9)
        #expect(maxError(env.base.statistics.mean, f.obs_mean) < 1e-5)
        #expect(maxError(env.base.statistics.variance, f.obs_var) < 1e-4)
        #expect(abs(env.statistics.variance[0] - f.return_var) / f.return_var < 1e-9)
    }

    @Test func vectorNormalizationMatchesGymnasium() throws {
        let f = fixture.vector_normalize
        let base = try VectorEnv(Array(repeating: CounterEnv(), count: 3), autoreset: .nextStep)
        let envs = try VectorNormalizeReward(try VectorNormalizeObservation(base), gamma: f.gamma)
        try envs.reset(seed: f.seed)
        #expect(maxError(Array(envs.buffers.observations), f.reset_obs.flatMap { $0 }) < 1e-5)
        var worstObs = 0.0, worstReward = 0.0
        for step in f.steps {
            try envs.step(step.actions)
            worstObs = max(worstObs, maxError(Array(envs.buffers.observations), step.obs.flatMap { $0 }))
            worstReward = max(worstReward, maxError(Array(envs.buffers.rewards), step.rewards))
        }
        print("normalize vector: max |obs error| = \(worstObs), max |reward error| = \(worstReward)")
        #expect(worstObs < 1e-6)
        #expect(worstReward < 1e-5)
        #expect(abs(envs.statistics.variance[0] - f.return_var) / f.return_var < 1e-5)
    }

    @Test func actionWrappersMatchGymnasium() throws {
        let f = fixture.action_wrappers
        var pendulum = Pendulum()
        pendulum.state = f.state
        var rescaled = try RescaleAction(pendulum, minAction: -1, maxAction: 1)
        var clipped = try ClipAction(pendulum)
        var worst = 0.0
        for t in 0..<f.rescale_actions.count {
            worst = max(worst, maxError(try rescaled.step(f.rescale_actions[t]).observation, f.rescale_obs[t]))
            worst = max(worst, maxError(try clipped.step(f.clip_actions[t]).observation, f.clip_obs[t]))
        }
        #expect(worst < 1e-5)
    }

    @Test func frozenStatisticsSurviveSaveAndRestore() throws {
        var pendulum = Pendulum()
        pendulum.state = [0.5, 0.1]
        var trained = try NormalizeObservation(pendulum)
        for t in 0..<50 { _ = try trained.step([Float(t % 5) - 2]) }
        let saved = try JSONEncoder().encode(trained.statistics)

        var evaluation = try NormalizeObservation(pendulum)
        evaluation.statistics = try JSONDecoder().decode(RunningMeanStd<Float>.self, from: saved)
        evaluation.updateRunningMean = false
        trained.updateRunningMean = false
        trained.base.state = [0.5, 0.1]
        let frozen = trained.statistics
        for t in 0..<20 {
            let a = try trained.step([Float(t % 3) - 1])
            let b = try evaluation.step([Float(t % 3) - 1])
            #expect(a.observation == b.observation)
        }
        #expect(trained.statistics == frozen)
        #expect(evaluation.statistics == frozen)
    }

    @Test func vectorActionWrappersKeepTheLearnersActions() throws {
        let base = try VectorEnv(id: "Pendulum-v1", numEnvs: 2)
        let clip = try VectorClipAction(base)
        try clip.reset(seed: 3)
        try clip.step(continuous: [5, -7])
        #expect(Array(clip.actions.floats) == [5, -7])
        #expect(Array(base.actions.floats) == [2, -2])

        let base2 = try VectorEnv(id: "Pendulum-v1", numEnvs: 2)
        let rescale = try VectorRescaleAction(base2, minAction: -1, maxAction: 1)
        try rescale.reset(seed: 3)
        try rescale.step(continuous: [1, -0.5])
        #expect(Array(base2.actions.floats) == [2, -1])
        #expect(throws: EnvError.self) { try VectorRescaleAction(try VectorEnv(id: "CartPole-v1", numEnvs: 1), minAction: -1, maxAction: 1) }
    }

    @Test func timeLimitTruncatesAtTheRegisteredLimit() throws {
        var env = try make("Pendulum-v1")
        _ = try env.reset(seed: 1)
        for t in 1...200 {
            let step = try env.step([0.5])
            #expect(step.truncated == (t == 200))
            #expect(!step.terminated)
        }
        var unlimited = try make("Pendulum-v1", maxEpisodeSteps: 0)
        _ = try unlimited.reset(seed: 1)
        for _ in 1...250 { #expect(try !unlimited.step([0.5]).truncated) }
    }

    @Test func singleRecordEpisodeStatisticsReportsEpisodes() throws {
        var env = try RecordEpisodeStatistics(try TimeLimit(CounterEnv(), maxEpisodeSteps: 3), bufferLength: 2)
        _ = try env.reset(seed: 7)  // k = 7: length 5, cut at 3 by the limit
        var lengths: [Int] = []
        for _ in 0..<3 {
            let step = try env.step(1)
            if let e = env.lastEpisode { lengths.append(e.length); #expect(e.reward == 1.5 + 2.5 + 3.5) }
            #expect(step.truncated == (env.lastEpisode != nil))
        }
        #expect(lengths == [3])
        #expect(env.episodeCount == 1)
    }
}
