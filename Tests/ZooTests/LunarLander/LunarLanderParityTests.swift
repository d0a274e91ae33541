import Foundation
import Testing
@testable import Zoo

/// Errors of one replayed episode against Gymnasium's record.
struct ReplayErrors {
    var label = ""
    var steps = 0
    var contactStep: Int?
    var maxObservationBeforeContact = 0.0
    var maxRewardBeforeContact = 0.0
    var maxObservationAfterContact = 0.0
    var maxRewardAfterContact = 0.0
    var flagMismatches: [Int] = []
    /// Observation entries that differ from Gymnasium's float32 value at all.
    var inexactEntries = 0
    var drawFailure: String?
    var drawCountMismatch: Int?

    /// Replays `episode` through Zoo's environment with Gymnasium's draws.
    static func replay(_ episode: LunarEpisodeFixture) throws -> ReplayErrors {
        var errors = ReplayErrors(label: episode.label, steps: episode.actions.count, contactStep: episode.firstContactStep)
        let source = ReplayedRandomSource(kinds: episode.draw_kinds, values: episode.draws)
        var env = LunarLanderEnvironment(try episode.configuration, source: source)
        let (first, _) = try env.reset(seed: episode.seed)
        func record(_ step: Int, _ obs: [Float], _ expected: [Double], reward: Double?, expectedReward: Double?) {
            var e = 0.0
            for k in 0..<8 {
                e = max(e, abs(Double(obs[k]) - expected[k]))
                if obs[k] != Float(expected[k]) { errors.inexactEntries += 1 }
            }
            let r = reward.map { abs($0 - (expectedReward ?? 0)) } ?? 0
            if let c = errors.contactStep, step >= c {
                errors.maxObservationAfterContact = max(errors.maxObservationAfterContact, e)
                errors.maxRewardAfterContact = max(errors.maxRewardAfterContact, r)
            } else {
                errors.maxObservationBeforeContact = max(errors.maxObservationBeforeContact, e)
                errors.maxRewardBeforeContact = max(errors.maxRewardBeforeContact, r)
            }
        }
        record(0, first, episode.reset_observation, reward: nil, expectedReward: nil)
        if env.source.position != episode.reset_draws { errors.drawCountMismatch = 0 }
        for (t, action) in episode.actions.enumerated() {
            let tr = try env.step(action.action)
            record(t + 1, tr.observation, episode.observations[t], reward: tr.reward, expectedReward: episode.rewards[t])
            if tr.terminated != episode.terminated[t] || tr.truncated != episode.truncated[t] { errors.flagMismatches.append(t + 1) }
            if errors.drawCountMismatch == nil && env.source.position != episode.draws_after_step[t] { errors.drawCountMismatch = t + 1 }
        }
        errors.drawFailure = env.source.failure
        return errors
    }
}

@Suite("LunarLander parity with Gymnasium (replayed draws)")
struct LunarLanderParityTests {
    static let observationTolerance = 1e-5
    static let rewardTolerance = 1e-4

    @Test("every recorded episode agrees step by step: draws, observations, rewards, flags")
    func episodes() throws {
        let file = try LunarFixtures.episodes.get()
        #expect(file.episodes.count >= 16)
        var worst = ReplayErrors()
        var total = 0, inexact = 0
        for episode in file.episodes {
            let e = try ReplayErrors.replay(episode)
            #expect(e.drawFailure == nil, "\(e.label): \(e.drawFailure ?? "")")
            #expect(e.drawCountMismatch == nil, "\(e.label): draw count differs after step \(e.drawCountMismatch ?? -1)")
            #expect(e.flagMismatches.isEmpty, "\(e.label): terminated/truncated differ at steps \(e.flagMismatches.prefix(5))")
            #expect(e.maxObservationBeforeContact <= Self.observationTolerance, "\(e.label): \(e)")
            #expect(e.maxRewardBeforeContact <= Self.rewardTolerance, "\(e.label): \(e)")
            #expect(e.maxObservationAfterContact <= Self.observationTolerance, "\(e.label): \(e)")
            #expect(e.maxRewardAfterContact <= Self.rewardTolerance, "\(e.label): \(e)")
            total += e.steps
            inexact += e.inexactEntries
            print("lunar parity \(e.label): \(e.steps) steps, contact at \(e.contactStep.map(String.init) ?? "-"), "
                + "obs err \(e.maxObservationBeforeContact) / \(e.maxObservationAfterContact), "
                + "reward err \(e.maxRewardBeforeContact) / \(e.maxRewardAfterContact)")
            worst.maxObservationBeforeContact = max(worst.maxObservationBeforeContact, e.maxObservationBeforeContact)
            worst.maxObservationAfterContact = max(worst.maxObservationAfterContact, e.maxObservationAfterContact)
            worst.maxRewardBeforeContact = max(worst.maxRewardBeforeContact, e.maxRewardBeforeContact)
            worst.maxRewardAfterContact = max(worst.maxRewardAfterContact, e.maxRewardAfterContact)
        }
        print("lunar parity worst: \(worst); \(inexact) of \(8 * total) observation entries not bitwise equal")
    }
}

