import Foundation
import Testing
@testable import Zoo

/// Gymnasium's SyncVectorEnv + vector RecordEpisodeStatistics outputs, recorded by
/// `scripts/gym_vector_semantics.py`.
private struct SemanticsFixture: Decodable {
    struct Episode: Decodable {
        let r: [Double]
        let l: [Int]
        let mask: [Bool]
    }
    struct Reset: Decodable {
        let mask: [Bool]
        let seeds: [Int?]
        let obs: [[Float]]
        let tag: [Int?]?
    }
    struct Step: Decodable {
        let actions: [Int]
        let obs: [[Float]]
        let rewards: [Double]
        let terminated: [Bool]
        let truncated: [Bool]
        let tag: [Int?]?
        let last: [Int?]?
        let episode: Episode?
        let final_obs: [[Float]?]?
        let final_last: [Int?]?
        let reset: Reset?
    }
    struct Scenario: Decodable {
        let mode: String
        let num_envs: Int
        let seed: Int
        let reset_obs: [[Float]]
        let reset_tag: [Int?]?
        let steps: [Step]
        let episode_count: Int
        let return_queue: [Double]
        let length_queue: [Int]
    }
    let generator: String
    let scenarios: [Scenario]
}

/// Gymnasium's batched info key: values where present, `nil` for the whole key when no
/// copy has it.
private func batched(_ key: String, _ n: Int, _ info: (Int) -> Info?) -> [Int?]? {
    let values: [Int?] = (0..<n).map { i in
        if case let .int(v) = info(i)?[key] { return v }
        return nil
    }
    return values.contains { $0 != nil } ? values : nil
}

private func mode(_ name: String) -> AutoresetMode {
    switch name {
    case "NextStep": return .nextStep
    case "SameStep": return .sameStep
    default: return .disabled
    }
}

@Suite("Vector environments match Gymnasium's SyncVectorEnv")
struct VectorSemanticsTests {
    @Test(arguments: [0, 1, 2], [VectorExecution.sync, .threads(2), .threads(3)])
    func scenarioMatches(index: Int, execution: VectorExecution) throws {
        let fixture = try Fixtures.load("vector_semantics", as: SemanticsFixture.self)
        #expect(fixture.generator == "scripts/gym_vector_semantics.py")
        let s = fixture.scenarios[index]
        let n = s.num_envs
        let base = try VectorEnv(
            Array(repeating: CounterEnv(), count: n), autoreset: mode(s.mode), execution: execution)
        let envs = try VectorRecordEpisodeStatistics(base, bufferLength: 5)
        try envs.reset(seed: s.seed)
        #expect(envs.buffers.observationRows == s.reset_obs)
        #expect(batched("tag", n, envs.info) == s.reset_tag)
        for (t, step) in s.steps.enumerated() {
            try envs.step(step.actions)
            let b = envs.buffers
            #expect(b.observationRows == step.obs, "\(s.mode) step \(t): observations")
            #expect(b.rewardArray.map(Double.init) == step.rewards, "\(s.mode) step \(t): rewards")
            #expect(b.terminatedArray == step.terminated, "\(s.mode) step \(t): terminated")
            #expect(b.truncatedArray == step.truncated, "\(s.mode) step \(t): truncated")
            #expect(batched("tag", n, envs.info) == step.tag, "\(s.mode) step \(t): info tag")
            #expect(batched("last", n, envs.info) == step.last, "\(s.mode) step \(t): info last")
            if let episode = step.episode {
                #expect(envs.episode.mask == episode.mask, "\(s.mode) step \(t): _episode")
                #expect(envs.episode.reward == episode.r, "\(s.mode) step \(t): episode r")
                #expect(envs.episode.length == episode.l, "\(s.mode) step \(t): episode l")
            } else {
                #expect(!envs.episode.any, "\(s.mode) step \(t): no episode expected")
            }
            if s.mode == "SameStep" {
                let finals: [[Float]?] = (0..<n).map { b.hasFinal[$0] ? Array(b.finalObservation($0)) : nil }
                #expect((finals.contains { $0 != nil } ? finals : nil) == step.final_obs, "step \(t): final_obs")
                #expect(batched("last", n, { b.hasFinal[$0] ? envs.finalInfo($0) : nil }) == step.final_last)
            }
            if let reset = step.reset {
                try envs.reset(seeds: reset.seeds, options: .none, mask: reset.mask)
                #expect(envs.buffers.observationRows == reset.obs, "step \(t): masked reset observations")
                #expect(batched("tag", n, envs.info) == reset.tag, "step \(t): masked reset info")
                #expect(envs.buffers.terminatedArray.enumerated().allSatisfy { !$0.element || !reset.mask[$0.offset] })
            }
        }
        #expect(envs.episodeCount == s.episode_count)
        #expect(Array(envs.returnQueue) == s.return_queue)
        #expect(Array(envs.lengthQueue) == s.length_queue)
    }
}
