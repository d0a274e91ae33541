import DSL
import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// The cases of the reliability campaign that the library decides: each gives one clear
/// message (exit status 2 at the command line) or works, and `validate` agrees with
/// `train`. The end-to-end cases with real processes and signals are in
/// `ProcessReliabilityTests`.
@Suite("Reliability: hostile input")
struct ReliabilityTests {
    static let cartpole = BrokenRecipeTests.valid

    /// A finished two-update CartPole PPO run in a fresh directory.
    static func finishedRun(extra: String = "") throws -> String {
        BuiltinPlugins.registerAll()
        let dir = NSTemporaryDirectory() + "zoo-reliability-\(UUID().uuidString)"
        let text = cartpole.replacingOccurrences(of: "train: {steps: 1000, seed: 1}", with: "train: {steps: 128, seed: 1}")
            + "\noutput: {dir: \(dir), plot: false, tensorboard: false}\n" + extra
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "reliability")
        let recorder = try RunRecorder(recipe: recipe)
        let trainer = try Trainer(recipe: recipe, observers: [recorder])
        _ = try trainer.run()
        #expect(recorder.failure == nil)
        return dir
    }

    /// Why `--resume` refuses `dir`, nil if it accepts it.
    static func resumeRefusal(_ dir: String) -> String? {
        do {
            _ = try ResumePoint.open(dir)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: 1, 2 — memory decided at validation

    @Test func rolloutsThatDoNotFitAreRefusedByValidateAndTrainAlike() throws {
        let overrides = ["env.copies=65536", "algorithm.steps=100000"]
        let message = try #require(BrokenRecipeTests.message(Self.cartpole, overrides: overrides))
        #expect(message.contains("algorithm: rollouts of 65536 copies × 100000 steps needs about"))
        #expect(message.contains("--memory-limit"))
        // `zoo train` builds the same way: Trainer refuses before allocating.
        let recipe = try Recipe(document: RecipeDocument(text: Self.cartpole, overrides: overrides), defaultName: "r")
        #expect(throws: ZooError.self) { _ = try Trainer(recipe: recipe) }
        // The limit is the user's: a tiny one refuses even the valid recipe, in both.
        var small = try Recipe(document: RecipeDocument(text: Self.cartpole), defaultName: "r")
        small.limits = ResourceLimits(memoryBytes: 1 << 16)
        #expect(throws: ZooError.self) { _ = try Trainer(recipe: small) }
        #expect(BrokenRecipeTests.message(Self.cartpole) == nil)
    }

    @Test func hugeNetworksAreRefusedBeforeTheyAreBuilt() throws {
        for hidden in ["[100000, 100000]", "[1000000, 1000000]"] {
            let message = try #require(BrokenRecipeTests.message(Self.cartpole + "\n", overrides: ["algorithm.networks.actor.hidden=\(hidden)"]))
            #expect(message.hasPrefix("--set algorithm.networks.actor.hidden=\(hidden): algorithm.networks.actor.hidden: a network with hidden layers"))
        }
        #expect(ResourceLimits.parse("64G")?.memoryBytes == 64 << 30)
        #expect(ResourceLimits.parse("1.5t")?.memoryBytes == Int(1.5 * 1024 * 1024 * 1024 * 1024))
        #expect(ResourceLimits.parse("512MiB")?.memoryBytes == 512 << 20)
        #expect(ResourceLimits.parse("12Q") == nil && ResourceLimits.parse("-3G") == nil && ResourceLimits.parse("") == nil)
    }

    // MARK: 3 — one process per run directory

    @Test func aRunDirectoryIsLockedByOneWriter() throws {
        let dir = NSTemporaryDirectory() + "zoo-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(!RunLock.isHeld(dir))
        var first: RunLock? = try RunLock.acquire(dir)
        #expect(RunLock.isHeld(dir))
        do {
            _ = try RunLock.acquire(dir)
            Issue.record("a second lock was granted")
        } catch {
            #expect(error.description.contains("in use by another zoo process (pid \(getpid()))"))
        }
        withExtendedLifetime(first) {}
        first = nil
        #expect(!RunLock.isHeld(dir))
        _ = try RunLock.acquire(dir)
    }

    // MARK: 4, checksum — checkpoints verified on load

    @Test func aFlippedDataByteIsRefusedByEvalAndResume() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/checkpoints/last.safetensors"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 5] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: ZooError.self) { _ = try TrainedAgent.load(dir) }
        #expect(Self.resumeRefusal(dir)?.contains("checksum mismatch") == true)
    }

    @Test func nonFiniteOrAbsurdOptimizerStateIsRefusedNamingTheTensor() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/checkpoints/last.safetensors"
        let original = try AgentCheckpoint.read(path: path)
        let stepKey = try #require(original.tensors.keys.first { $0.hasPrefix("optimizer/actor/") && $0.hasSuffix("step") })
        let weightKey = try #require(original.tensors.keys.sorted().first { $0.hasPrefix("module/") && $0.hasSuffix("weight") })
        for (key, value) in [(stepKey, Float.nan), (stepKey, 1e30), (weightKey, .infinity)] {
            var contents = original
            let t = try #require(contents.tensors[key])
            var scalars = t.scalars
            scalars[0] = value
            contents.tensors[key] = Tensor(shape: t.shape, scalars: scalars)
            try AgentCheckpoint.write(contents, to: path)
            let message: String
            do {
                let (point, recipe) = try ResumePoint.resolve(directory: dir, recipePath: nil, overrides: ["train.steps=1000"])
                try Trainer(recipe: recipe).resume(from: point)
                Issue.record("resume accepted \(key) = \(value)")
                continue
            } catch {
                message = error.description
            }
            #expect(message.contains(value.isFinite ? "not a whole number of steps" : "\"\(key)\" holds a non-finite value"), "\(message)")
            // Evaluation ignores optimiser state but never loads a non-finite value.
            if !value.isFinite { #expect(throws: ZooError.self) { _ = try TrainedAgent.load(dir) } }
        }
    }

    @Test func impossibleNumbersInTheResumeStateAreRefused() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/checkpoints/last.safetensors"
        let original = try AgentCheckpoint.read(path: path)
        let state = try #require(original.metadata["resume"])
        for (from, to, expected) in [("\"updates\":2", "\"updates\":-3", "updates is -3"),
                                     ("\"updates\":2", "\"updates\":\"x\"", "expected Int at updates"),
                                     ("\"pendingReset\":[", "\"pendingReset\":[true,", "pendingReset has 5 entries for 4 copies")] {
            var contents = original
            contents.metadata["resume"] = state.replacingOccurrences(of: from, with: to)
            try #require(contents.metadata["resume"] != state, "\(from) is not in the state")
            try AgentCheckpoint.write(contents, to: path)
            #expect(Self.resumeRefusal(dir)?.contains(expected) == true, "\(Self.resumeRefusal(dir) ?? "accepted")")
        }
    }

    @Test func longEscapedMetadataParsesExactly() throws {
        let recipe = String(repeating: "# a comment line\twith \"quotes\" and é\n", count: 20_000)
        let contents = SafetensorsContents(tensors: ["x": Tensor([1, 2])], metadata: ["recipe": recipe])
        let path = NSTemporaryDirectory() + "zoo-long-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AgentCheckpoint.write(contents, to: path)
        #expect(try AgentCheckpoint.read(path: path).metadata["recipe"] == recipe)
    }

    // MARK: 7 — environments that diverge

    @Test func nonFinitePhysicsEndsTheRunWithStatusFailed() throws {
        BuiltinPlugins.registerAll()
        var single = try make("LunarLander-v3", ["enable_wind": .bool(true), "wind_power": .double(1e300)])
        _ = try single.reset(seed: 0)
        #expect(throws: EnvError.nonFiniteStep(copy: nil)) { _ = try single.step(0) }

        let dir = NSTemporaryDirectory() + "zoo-nan-env-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
            env: {id: LunarLander-v3, copies: 4, kwargs: {enable_wind: true, wind_power: 1.0e300}}
            algorithm: {name: grpo, generations: 2}
            train: {steps: 100000}
            output: {dir: \(dir), plot: false, tensorboard: false}
            """
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "nan")
        let recorder = try RunRecorder(recipe: recipe)
        let trainer = try Trainer(recipe: recipe, observers: [recorder])
        guard case .environmentFailed(.nonFiniteStep) = try trainer.run() else {
            Issue.record("the run did not stop on the diverged environment")
            return
        }
        #expect(RunResults.summary(at: "\(dir)/summary.json")?.status == .failed)
    }

    // MARK: 9 — one line, naming the key or flag

    @Test func yamlMistakesGiveOneShortLine() throws {
        let cases: [(String, String)] = [
            ("env: {id: CartPole-v1}\nenv: {id: CartPole-v0}\nalgorithm: {name: ppo}\n",
             "recipe.yaml:1:1: invalid YAML: the mapping starting here has the key \"env\" more than once"),
            ("env: {id: CartPole-v1}\n? [a, b]\n: 3\nalgorithm: {name: ppo}\n", "recipe.yaml:2:3: keys must be plain names, found a list as a key"),
            ("env: {id: CartPole-v1}\nalgorithm: {name: ppo}\n---\nx: 1\n", "recipe.yaml:3:1: invalid YAML: expected a single document in the stream, but found another document"),
            ("env: {id: CartPole-v1}\nalgorithm: {name: ppo, gamma: *nope}\n", "recipe.yaml:2:31: invalid YAML: found undefined alias"),
            ("env: {id: Cart\u{0}Pole-v1}\nalgorithm: {name: ppo}\n", "recipe.yaml:1:15: invalid YAML: control characters are not allowed (character 0x00)"),
            ("name: ../../escaped\n" + Self.cartpole, "recipe.yaml:1:7: name: name \"../../escaped\" must not contain / or \\ (it names one directory under runs/)"),
            ("name: .hidden\n" + Self.cartpole, "recipe.yaml:1:7: name: name \".hidden\" must not start with a dot"),
            ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + zip("abcdefgh", "bcdefghi").map { p, c in
                "\(c): &\(c) [*\(p), *\(p), *\(p), *\(p), *\(p), *\(p), *\(p), *\(p), *\(p), *\(p)]\n" }.joined() + Self.cartpole,
             "recipe.yaml: the recipe expands to more than 100000 values (aliases repeating aliases?)"),
        ]
        for (text, expected) in cases {
            #expect(BrokenRecipeTests.message(text) == expected)
        }
        let long = try #require(BrokenRecipeTests.message("name: " + String(repeating: "x", count: 5_000_000) + "\n" + Self.cartpole))
        #expect(long.count < 300 && !long.contains("\n") && long.hasSuffix("must be at most 100 characters, got 5000000"))
    }

    @Test func overrideMistakesNameTheFlag() {
        #expect(BrokenRecipeTests.message(Self.cartpole, overrides: ["algorithm.gamma=abc"])
                == "--set algorithm.gamma=abc: algorithm.gamma: expected a number, found \"abc\"")
        #expect(BrokenRecipeTests.message(Self.cartpole, overrides: ["algorithm.gama=0.9"])
                == "--set algorithm.gama=0.9: algorithm.gama: unknown key 'gama' (did you mean 'gamma'?)")
    }

    @Test func oneLineElidesAndFlattens() {
        #expect(OneLine.elided("a\nb\t\tc\u{0}d  ") == "a b c d")
        let long = OneLine.elided(String(repeating: "x", count: 10_000) + "END", limit: 100)
        #expect(long.hasPrefix(String(repeating: "x", count: 75)) && long.hasSuffix("xEND") && long.count < 160)
        #expect(long.contains("(9903 characters elided)"))
    }

    // MARK: 10 — smaller cases

    @Test func aCutMetricsFileIsNotContinued() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/metrics.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(2).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (point, recipe) = try ResumePoint.resolve(directory: dir, recipePath: nil, overrides: ["train.steps=1000"])
        do {
            _ = try RunRecorder(recipe: recipe, resuming: point)
            Issue.record("resume continued a cut metrics.csv")
        } catch {
            #expect(error.description.contains("holds rows in order up to update 1, but the checkpoint is at update \(point.updates)"))
        }
    }

    @Test func evalKwargsApplyToATrainedAgent() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let agent = try TrainedAgent.load(dir)
        let plain = try agent.evaluate(episodes: 3, seed: 0, deterministic: true)
        let short = try agent.evaluate(episodes: 3, seed: 0, deterministic: true, kwargs: ["sutton_barto_reward": .bool(true)])
        #expect(plain.returns.allSatisfy { $0 > 0 } && short.returns.allSatisfy { $0 <= 0 })
        #expect(throws: ZooError.self) { _ = try agent.evaluate(episodes: 1, seed: 0, deterministic: true, kwargs: ["no_such": .int(1)]) }
    }

    @Test func anUpdateCapSaysSo() throws {
        BuiltinPlugins.registerAll()
        let dir = NSTemporaryDirectory() + "zoo-cap-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = Self.cartpole + "\noutput: {dir: \(dir), plot: false, tensorboard: false}\n"
        let recipe = try Recipe(document: RecipeDocument(text: text, overrides: ["train.updates=3"]), defaultName: "cap")
        #expect(try Trainer(recipe: recipe).run() == .updateCapReached(updates: 3))
    }
}
