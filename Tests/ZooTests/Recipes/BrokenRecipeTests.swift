import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// Every kind of broken recipe gives one clear message naming what is wrong and where —
/// never a crash. (`zoo validate`/`zoo train` print exactly this message and exit 2.)
@Suite("Broken recipes")
struct BrokenRecipeTests {
    static let valid = """
        env:
          id: CartPole-v1
          copies: 4
        algorithm:
          name: ppo
          steps: 16
          batch_size: 32
          gamma: 0.99
        train: {steps: 1000, seed: 1}
        """

    /// Writes `text` to a temporary file and returns the validation error message.
    static func message(_ text: String, overrides: [String] = []) -> String? {
        BuiltinPlugins.registerAll()
        let path = NSTemporaryDirectory() + "broken-\(UUID().uuidString).yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try Recipe.validate(path: path, overrides: overrides)
            return nil
        } catch {
            return error.description.replacingOccurrences(of: path, with: "recipe.yaml")
        }
    }

    static func broken(_ old: String, _ new: String) -> String {
        valid.replacingOccurrences(of: old, with: new)
    }

    @Test func theValidRecipeIsValid() {
        #expect(Self.message(Self.valid) == nil)
    }

    /// (replace, with, expected message)
    static let corpus: [(String, String, String)] = [
        ("copies: 4", "copies: many", "recipe.yaml:3:11: env.copies: expected an integer, found \"many\""),
        ("copies: 4", "copys: 4", "recipe.yaml:3:3: env.copys: unknown key 'copys' (did you mean 'copies'?)"),
        ("gamma: 0.99", "gamma: 1.5", "recipe.yaml:8:10: algorithm.gamma: 1.5 is outside 0.0…1.0"),
        ("gamma: 0.99", "gama: 0.99", "recipe.yaml:8:3: algorithm.gama: unknown key 'gama' (did you mean 'gamma'?)"),
        ("id: CartPole-v1", "id: CartPol-v1", "did you mean 'CartPole-v1'?"),
        ("name: ppo", "name: ppp", "recipe.yaml:5:9: algorithm.name: unknown algorithm 'ppp' (did you mean 'ppo'?)"),
        ("batch_size: 32", "batch_size: 128", "batch_size 128 is larger than a rollout (16 steps × 4 copies = 64)"),
        ("copies: 4", "copies: 4\n  kwargs: {sutton_barto_reward: 3}", "env.kwargs"),
        ("copies: 4", "copies: 4\n  kwargs: {gravity: 3}", "gravity"),
        ("copies: 4", "copies: 4\n  wrappers: [clip_action]", "ClipAction needs a Box action space"),
        ("copies: 4", "copies: 4\n  wrappers: [normalise_observation]", "unknown wrapper 'normalise_observation' (did you mean 'normalize_observation'?)"),
        ("copies: 4", "copies: 4\n  randomize: {gravity: {uniform: [1, 2]}}", "'CartPole-v1' has no parameter 'gravity'"),
        ("copies: 4", "copies: 4\n  autoreset: sameStepp", "(did you mean 'sameStep'?)"),
        ("train: {steps: 1000, seed: 1}", "train: {steps: -5, seed: 1}", "train.steps: -5 is outside"),
        ("  steps: 16", "  steps: 16\n  networks: {actor: {hidden: [0]}}", "layer sizes must be positive, got 0"),
        ("  steps: 16", "  steps: 16\n  networks: {actor: {activation: swish}}", "\"swish\" is not one of relu, tanh, sigmoid"),
        ("  steps: 16", "  steps: 16\n  networks: {actor: {optimizer: adamw}}", "(did you mean 'adam'?)"),
        ("copies: 4", "copies: 4\n  wrappers: [grayscale]", "grayscale needs uint8 image observations"),
        ("copies: 4", "copies: 4\n  wrappers: [{resize: {height: 8}}]", "missing required key 'width'"),
        ("copies: 4", "copies: 4\n  wrappers: [normalize_observation, {frame_stack: {depth: 2}}]", "frame_stack wraps each copy before the vector wrappers"),
        ("copies: 4", "copies: 4\n  wrappers: [{frame_stack: {depth: 0}}]", "0 is outside 1…64"),
        ("  steps: 16", "  steps: 16\n  networks: {trunk: nature_cnn}", "an image trunk needs image observations"),
        ("  steps: 16", "  steps: 16\n  networks: {actor: {scale: 0.5}}", "scale applies to an image trunk"),
        ("id: CartPole-v1", "id: Catch-v0\n  wrappers: [normalize_observation]", "normalize_observation works on float32 observations"),
        ("id: CartPole-v1", "id: Catch-v0\n  kwargs: {rows: 1}", "must be an integer ≥ 2"),
        ("  steps: 16", "  steps: 16\n  networks: {trunk: {conv: [{filters: 8, kernel: 3}]}}", "an image trunk needs image observations"),
        ("env:", "envv:", "missing required key 'env'"),
        ("copies: 4", "copies: [4", "invalid YAML"),
    ]

    /// A valid pixel recipe (Catch, grey frames) and its broken variants.
    static let pixels = broken("id: CartPole-v1", "id: Catch-v0\n  wrappers: [grayscale]")
    static let pixelCorpus: [(String, String, String)] = [
        ("  steps: 16", "  steps: 16\n  networks: {trunk: nature_cnn}", "convolution 3 (kernel 3) does not fit its 3×1 input (image 40×20)"),
        ("  steps: 16", "  steps: 16\n  networks: {trunk: resnet}", "unknown trunk 'resnet'"),
        ("  steps: 16", "  steps: 16\n  networks: {trunk: {conv: [{filters: 8, kernal: 3}]}}", "unknown key 'kernal' (did you mean 'kernel'?)"),
        ("  steps: 16", "  steps: 16\n  networks: {trunk: {conv: []}}", "conv needs at least one convolution"),
        ("  steps: 16", "  steps: 16\n  networks: {trunk: nature_cnn, scale: -1}", "scale must be a positive number"),
    ]

    @Test func thePixelRecipeIsValid() {
        #expect(Self.message(Self.pixels) == nil)
        #expect(Self.message(Self.pixels.replacingOccurrences(of: "  steps: 16", with: "  steps: 16\n  networks: {trunk: {conv: [{filters: 8, kernel: 3, stride: 2}], features: 16}}")) == nil)
    }

    @Test(arguments: pixelCorpus)
    func brokenPixelRecipe(replace: String, with: String, expected: String) {
        let text = Self.pixels.replacingOccurrences(of: replace, with: with)
        let message = Self.message(text)
        #expect(message?.contains(expected) == true, "got: \(message ?? "no error")")
        #expect(Self.trainMessage(text) != nil)
    }

    @Test(arguments: corpus)
    func brokenRecipe(replace: String, with: String, expected: String) {
        let message = Self.message(Self.broken(replace, with))
        #expect(message?.contains(expected) == true, "got: \(message ?? "no error")")
    }

    /// What `zoo train` says about `text`: the message of the first failure on the way
    /// from the file to a trainer ready to step, nil when it gets there.
    static func trainMessage(_ text: String) -> String? {
        BuiltinPlugins.registerAll()
        do {
            let recipe = try Recipe(document: RecipeDocument(text: text, file: "recipe.yaml"), defaultName: "r")
            let trainer = try Trainer(recipe: recipe)
            try trainer.collector.start(seed: 0)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// `zoo validate` accepts exactly the recipes `zoo train` accepts.
    @Test(arguments: corpus)
    func trainRefusesWhatValidateRefuses(replace: String, with: String, expected: String) {
        #expect(Self.trainMessage(Self.broken(replace, with)) != nil)
    }

    @Test func everyShippedRecipeValidatesAndBuildsItsTrainer() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("recipes").path
        let paths = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
            .map { "\(directory)/\($0)" }
        #expect(paths.count >= 17)
        for path in paths {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(Self.message(text) == nil, "zoo validate refuses \(path)")
            // Atari trainers are built with 4 copies: each copy loads its ROM as ALE does (132
            // emulated frames), minutes for 50 copies in a debug build.
            let atari = text.contains("NoFrameskip") || text.contains("ALE/")
            let built = atari ? text.replacing(/\n  copies: \d+/, with: "\n  copies: 4") : text
            #expect(Self.trainMessage(built) == nil, "zoo train refuses \(path)")
        }
    }

    @Test func missingFileAndBadOverride() {
        BuiltinPlugins.registerAll()
        do {
            _ = try Recipe.validate(path: "/no/such/recipe.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/no/such/recipe.yaml: no such file")
        }
        #expect(Self.message(Self.valid, overrides: ["algorithm.gamma"])?.contains("expected KEY.PATH=VALUE") == true)
        #expect(Self.message(Self.valid, overrides: ["algorithm.gamma=2"])?.contains("2.0 is outside 0.0…1.0") == true)
    }
}
