import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// Sweep files: what they make (grid order, reproducible draws, rungs, each run's
/// overrides), and every mistake in one — in the file, or found by validating each
/// configuration's recipe — as one typed, located error before anything runs.
@Suite("Sweep files")
struct SweepFileTests {
    /// A temporary directory with a small PPO CartPole recipe in it.
    struct Setup {
        let root: String
        var recipe: String { root + "/ppo.yaml" }

        init(recipe text: String = """
            env: {id: CartPole-v1, copies: 2}
            algorithm: {name: ppo, steps: 16, batch_size: 32, epochs: 1, networks: {actor: {hidden: [8]}, critic: {hidden: [8]}}}
            train: {steps: 4000}
            """) throws {
            BuiltinPlugins.registerAll()
            root = NSTemporaryDirectory() + "zoo-sweep-file-" + UUID().uuidString
            try AtomicFile.write(text, to: recipe)
        }

        /// Writes `body` after a `recipe:` line as `name.yaml`; its path.
        func sweep(_ body: String, name: String = "s") throws -> String {
            let path = "\(root)/\(name).yaml"
            try AtomicFile.write("recipe: \(recipe)\n" + body, to: path)
            return path
        }

        func plan(_ body: String) throws -> SweepPlan {
            try SweepPlan(contentsOf: try sweep(body), output: root + "/out")
        }

        /// The error the sweep `body` gives.
        func error(_ body: String) throws -> SweepError? {
            do {
                _ = try plan(body)
                return nil
            } catch let error as SweepError {
                return error
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func gridEnumeratesEveryCombinationInOrder() throws {
        let s = try Setup()
        defer { s.remove() }
        let plan = try s.plan("""
            method: grid
            seeds: 2
            space:
              algorithm.gamma: {grid: [0.9, 0.99]}
              algorithm.networks.actor.hidden: {grid: [[8], [16, 16]], also: [algorithm.networks.critic.hidden]}
              algorithm.lr_schedule: {grid: [constant, 'linear']}
            """)
        #expect(plan.configurations.count == 8)
        #expect(plan.configurations.map(\.name) == ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"])
        #expect(plan.configurations[0].values == ["0.9", "[8]", "constant"])
        #expect(plan.configurations[1].values == ["0.9", "[8]", "'linear'"])
        #expect(plan.configurations[7].values == ["0.99", "[16, 16]", "'linear'"])
        #expect(plan.rungs == [4000] && plan.steps == 4000 && !plan.ranksByEvaluation)
        let jobs = try plan.jobs(plan.configurations[6], rung: 0)
        #expect(jobs.map(\.directory) == [s.root + "/out/runs/c6/0", s.root + "/out/runs/c6/1"])
        #expect(jobs[1].overrides == ["train.seed=1", "train.steps=4000", "train.schedule_steps=4000", "algorithm.gamma=0.99",
                                      "algorithm.networks.actor.hidden=[16, 16]", "algorithm.networks.critic.hidden=[16, 16]",
                                      "algorithm.lr_schedule=constant", "output.dir=\(s.root)/out/runs/c6/1"])
        #expect(jobs[1].log == s.root + "/out/logs/c6-1.log")
        let best = try plan.recipeText(plan.configurations[7])
        let recipe = try Recipe(document: RecipeDocument(text: best), defaultName: "best")
        #expect(recipe.train.steps == 4000)
        #expect(recipe.algorithmSection.keyPath == "algorithm" && best.contains("linear") && best.contains("gamma: 0.99"))
    }

    @Test func randomDrawsAreReproducibleAndInRange() throws {
        let s = try Setup()
        defer { s.remove() }
        let body = """
            budget: 12
            seed: 7
            steps: 3000
            halving: {eta: 2, min_steps: 500}
            space:
              algorithm.networks.actor.lr: {log_uniform: [1.0e-4, 1.0e-2]}
              algorithm.entropy_coef: {uniform: [0, 0.1]}
              algorithm.epochs: {integer: [1, 4]}
              algorithm.normalize_advantage: {choice: [true, false]}
            """
        let a = try s.plan(body), b = try s.plan(body)
        #expect(a.configurations == b.configurations)
        #expect(a.configurations.map(\.name).first == "c00" && a.configurations.count == 12)
        #expect(a.rungs == [500, 1000, 2000, 3000] && a.steps == 3000)
        for c in a.configurations {
            let lr = try #require(Double(c.values[0])), entropy = try #require(Double(c.values[1]))
            #expect((1e-4...1e-2).contains(lr) && (0...0.1).contains(entropy))
            #expect(["1", "2", "3", "4"].contains(c.values[2]) && ["true", "false"].contains(c.values[3]))
        }
        #expect(Set(a.configurations.map { $0.values[2] }).count > 1)
        let other = try s.plan(body.replacingOccurrences(of: "seed: 7", with: "seed: 8"))
        #expect(other.configurations != a.configurations)
        // More draws keep the first ones.
        let more = try s.plan(body.replacingOccurrences(of: "budget: 12", with: "budget: 20"))
        #expect(Array(more.configurations.prefix(12)).map(\.values) == a.configurations.map(\.values))
    }

    @Test func halvingRungsAndEvaluationScores() throws {
        let s = try Setup(recipe: """
            env: {id: CartPole-v1}
            algorithm: {name: a2c}
            train: {steps: 10000, eval: {every: 1000}}
            """)
        defer { s.remove() }
        let plan = try s.plan("budget: 2\nhalving: {min_steps: 1000}\nspace: {algorithm.gamma: {uniform: [0.9, 0.99]}}\n")
        #expect(plan.rungs == [1000, 3000, 9000, 10000] && plan.ranksByEvaluation)
        let error = try s.error("budget: 2\nhalving: {min_steps: 500}\nspace: {algorithm.gamma: {uniform: [0.9, 0.99]}}\n")
        #expect(error?.description.contains("halving: min_steps (500) is below the recipe's train.eval.every (1000)") == true)
    }

    /// Each mistake, the error's case and the start of its line.
    @Test(arguments: [
        ("budgt: 3\nspace: {algorithm.gamma: {uniform: [0.9, 1]}}\n", "s.yaml:2:1: budgt: unknown key 'budgt' (did you mean 'budget'?)"),
        ("budget: 3\nspace: {algorithm.gamma: {unifrom: [0.9, 1]}}\n",
         "s.yaml:3:26: space.algorithm.gamma: expected one of grid, choice, uniform, log_uniform, integer, found 'unifrom' (did you mean 'uniform'?)"),
        ("budget: 3\nspace: {algorithm.gamma: {uniform: [1, 0.9]}}\n",
         "s.yaml:3:36: space.algorithm.gamma.uniform: expected [low, high] with finite low < high, got [1.0, 0.9]"),
        ("budget: 3\nspace: {algorithm.gamma: {uniform: [0.9]}}\n", "space.algorithm.gamma.uniform: expected [low, high], a list of two, found 1 values"),
        ("budget: 3\nspace: {algorithm.entropy_coef: {log_uniform: [0, 0.1]}}\n",
         "space.algorithm.entropy_coef.log_uniform: log_uniform needs 0 < low, got [0.0, 0.1]"),
        ("budget: 3\nspace: {algorithm.epochs: {integer: [4, 2]}}\n", "space.algorithm.epochs.integer: expected [low, high] with low < high, got [4, 2]"),
        ("budget: 3\nspace: {algorithm.epochs: {integer: [1, 2.5]}}\n", "space.algorithm.epochs.integer.1: expected an integer, found \"2.5\""),
        ("budget: 3\nspace: {algorithm.epochs: {choice: []}}\n", "space.algorithm.epochs.choice: choice needs at least one value"),
        ("budget: 3\nspace: {algorithm.gamma: {grid: [0.9, 0.99]}}\n",
         "space.algorithm.gamma: grid: lists are for method: grid; a random search draws with choice: [...]"),
        ("method: grid\nspace: {algorithm.gamma: {uniform: [0.9, 0.99]}}\n",
         "space.algorithm.gamma: a grid search enumerates grid: [...] lists; draws need method: random"),
        ("method: grid\nbudget: 3\nspace: {algorithm.gamma: {grid: [0.9]}}\n", "budget: a grid search trains every combination; budget is for method: random"),
        ("space: {algorithm.gamma: {uniform: [0.9, 0.99]}}\n", "method: random needs budget: the number of configurations to draw"),
        ("budget: 3\nspace: {train.seed: {integer: [0, 3]}}\n", "space.train.seed: train.seed cannot be varied: the sweep sets it"),
        ("budget: 3\nspace: {output.dir: {choice: [a]}}\n", "space.output.dir: output.dir cannot be varied: the sweep sets where runs write"),
        ("budget: 3\nspace: {algorithm.networks: {choice: [{}]}, algorithm.networks.actor.lr: {choice: [0.1]}}\n",
         "space.algorithm.networks.actor.lr: algorithm.networks.actor.lr overlaps algorithm.networks"),
        ("budget: 3\nspace: {algorithm..gamma: {choice: [0.9]}}\n", "'algorithm..gamma' is not a recipe key path such as algorithm.gamma"),
        ("budget: 3\nspace: {}\n", "space: give at least one recipe key to vary"),
        ("budget: 0\nspace: {algorithm.gamma: {choice: [0.9]}}\n", "budget: budget must be in 1…10000, got 0"),
        ("budget: 3\nhalving: {eta: 1, min_steps: 100}\nspace: {algorithm.gamma: {choice: [0.9]}}\n", "halving.eta: 1 is outside 2…100"),
        ("budget: 3\nhalving: {min_steps: 4000}\nspace: {algorithm.gamma: {choice: [0.9]}}\n",
         "halving: min_steps (4000) must be below the full budget (4000 steps)"),
    ] as [(String, String)])
    func mistakesInTheFile(_ body: String, message: String) throws {
        let s = try Setup()
        defer { s.remove() }
        let error = try s.error(body)
        guard case .invalid(let located)? = error else {
            Issue.record("expected an invalid-file error for \(body), got \(String(describing: error))")
            return
        }
        #expect(located.description.contains(message), "\(located.description)")
        #expect(located.file?.hasSuffix("s.yaml") == true)
        #expect(!located.description.contains("\n"))
    }

    @Test func theBaseRecipeRejectsAConfiguration() throws {
        let s = try Setup()
        defer { s.remove() }
        let unknown = try s.error("budget: 2\nspace:\n  algorithm.lerning_rate: {log_uniform: [1.0e-4, 1.0e-3]}\n")
        guard case .rejected(let configuration, let error)? = unknown else {
            Issue.record("expected a rejected configuration, got \(String(describing: unknown))")
            return
        }
        #expect(configuration == "c0")
        #expect(error.line == 4 && error.column == 27 && error.keyPath == "space.algorithm.lerning_rate", "\(error)")
        #expect(error.message.hasPrefix("configuration c0 (algorithm.lerning_rate="))
        #expect(error.message.contains("rejects it: unknown key 'lerning_rate'"))
        // A nested unknown key, through `also`.
        let nested = try s.error("budget: 1\nspace:\n  algorithm.networks.actor.lr: {choice: [0.001], also: [algorithm.networks.critc.lr]}\n")
        #expect(nested?.description.contains("space.algorithm.networks.actor.lr: configuration c0 (algorithm.networks.actor.lr=0.001)") == true)
        #expect(nested?.description.contains("critc") == true)
        // A value out of the hyperparameter's range, in some draw.
        let range = try s.error("budget: 8\nspace: {algorithm.gamma: {uniform: [0.5, 3]}}\n")
        guard case .rejected(_, let rangeError)? = range else {
            Issue.record("expected a rejected configuration, got \(String(describing: range))")
            return
        }
        #expect(rangeError.keyPath == "space.algorithm.gamma" && rangeError.message.contains("algorithm.gamma"))
        // A recipe that cannot be read.
        let missing = try SweepFileTests.missingRecipeError(s)
        #expect(missing?.description.hasPrefix("the sweep's recipe: ") == true && missing?.description.contains("no such file") == true)
    }

    static func missingRecipeError(_ s: Setup) throws -> SweepError? {
        let path = s.root + "/m.yaml"
        try AtomicFile.write("recipe: \(s.root)/nope.yaml\nbudget: 1\nspace: {algorithm.gamma: {choice: [0.9]}}\n", to: path)
        do {
            _ = try SweepPlan(contentsOf: path, output: nil)
            return nil
        } catch {
            return error
        }
    }
}
