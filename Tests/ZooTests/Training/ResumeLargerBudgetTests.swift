import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// `zoo train --resume RUN_DIR --set train.steps=LARGER` — how a sweep's successive
/// halving continues a surviving configuration: a run trained to a smaller `train.steps`
/// with `train.schedule_steps` at the full budget, then resumed with the full
/// `train.steps`, gives the files and checkpoint tensors of the run trained to the full
/// budget in one go, schedules (a linear learning rate, DQN's ε) included.
@Suite("Resuming with a larger budget")
struct ResumeLargerBudgetTests {
    /// One configuration: its algorithm section, its full budget and where the first part stops.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let env: String
        let algorithm: String
        let steps: Int
        /// Budgets of the parts before the last (not multiples of an update's steps).
        let stops: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "CartPole PPO, linear learning rate, stopped twice", env: "{id: CartPole-v1, copies: 4}", algorithm: """
            {name: ppo, steps: 16, batch_size: 32, epochs: 2, lr_schedule: linear, entropy_coef: 0.01,
               networks: {actor: {hidden: [16]}, critic: {hidden: [16]}}}
            """, steps: 1_600, stops: [500, 1_000]),
        Case(name: "CartPole DQN, ε schedule", env: "{id: CartPole-v1, copies: 2}", algorithm: """
            {name: dqn, buffer_size: 500, learning_starts: 20, batch_size: 16, train_freq: 4, exploration_fraction: 0.5,
               target_update_interval: 40, networks: {q: {hidden: [16]}}}
            """, steps: 400, stops: [150]),
    ]

    static func recipe(_ c: Case, dir: String, steps: Int, scheduleSteps: Int?) throws -> Recipe {
        BuiltinPlugins.registerAll()
        let schedule = scheduleSteps.map { ", schedule_steps: \($0)" } ?? ""
        let text = """
            name: budget-test
            env: \(c.env)
            algorithm: \(c.algorithm)
            train: {steps: \(steps), seed: 3\(schedule)}
            output: {dir: \(dir), log_every: 1}
            """
        return try Recipe(document: RecipeDocument(text: text), defaultName: "budget-test")
    }

    /// Trains `c` to `stops` then resumes with ever larger budgets up to the full one;
    /// returns the directory.
    static func trainInParts(_ c: Case, scheduleSteps: Int?) throws -> String {
        let split = ResumeTests.temporaryDirectory()
        try ResumeTests.train(recipe(c, dir: split, steps: c.stops[0], scheduleSteps: scheduleSteps))
        for budget in c.stops.dropFirst() + [c.steps] {
            let (point, resumed) = try ResumePoint.resolve(directory: split, recipePath: nil, overrides: ["train.steps=\(budget)"])
            #expect(point.envSteps < budget)
            #expect(try ResumeTests.train(resumed, resuming: point) == .budgetSpent)
        }
        return split
    }

    @Test(arguments: cases)
    func resumedWithALargerBudgetMatchesTheFullRun(_ c: Case) throws {
        let whole = ResumeTests.temporaryDirectory()
        let split = try Self.trainInParts(c, scheduleSteps: c.steps)
        defer {
            try? FileManager.default.removeItem(atPath: whole)
            try? FileManager.default.removeItem(atPath: split)
        }
        #expect(try ResumeTests.train(Self.recipe(c, dir: whole, steps: c.steps, scheduleSteps: nil)) == .budgetSpent)
        #expect(try ResumeTests.text("\(whole)/metrics.csv") == ResumeTests.text("\(split)/metrics.csv"))
        #expect(try ResumeTests.episodesWithoutTime(whole) == ResumeTests.episodesWithoutTime(split))
        #expect(try ResumeTests.tensors("\(whole)/checkpoints/last.safetensors") == ResumeTests.tensors("\(split)/checkpoints/last.safetensors"))
        #expect(try ResumeTests.tensors("\(whole)/checkpoints/best.safetensors") == ResumeTests.tensors("\(split)/checkpoints/best.safetensors"))
        let a = try ResumeTests.summary("\(whole)/summary.json"), b = try ResumeTests.summary("\(split)/summary.json")
        #expect(a.envSteps == b.envSteps && a.finalMeanReturn == b.finalMeanReturn && b.status == .finished)
    }

    /// Without `schedule_steps` the first part anneals over its own smaller budget, so the
    /// run differs from the full one: what `schedule_steps` is for.
    @Test func withoutScheduleStepsTheScheduleFollowsEachPart() throws {
        let c = Self.cases[0]
        let whole = ResumeTests.temporaryDirectory()
        let split = try Self.trainInParts(c, scheduleSteps: nil)
        defer {
            try? FileManager.default.removeItem(atPath: whole)
            try? FileManager.default.removeItem(atPath: split)
        }
        try ResumeTests.train(Self.recipe(c, dir: whole, steps: c.steps, scheduleSteps: nil))
        #expect(try ResumeTests.text("\(whole)/metrics.csv") != ResumeTests.text("\(split)/metrics.csv"))
    }

    @Test func scheduleStepsMustCoverTheBudgetAndStayTheSameOnResume() throws {
        let c = Self.cases[0]
        #expect(throws: RecipeError.self) { _ = try Self.recipe(c, dir: "unused", steps: 1_000, scheduleSteps: 999) }
        let dir = ResumeTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ResumeTests.train(Self.recipe(c, dir: dir, steps: 200, scheduleSteps: 1_000))
        let error = ResumeTests.resumeError {
            _ = try ResumePoint.resolve(directory: dir, recipePath: nil, overrides: ["train.steps=1000", "train.schedule_steps=2000"])
        }
        #expect(error == .recipeMismatch(directory: dir, keyPath: "train.schedule_steps", run: "1000", given: "2000"))
    }
}
