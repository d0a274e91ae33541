import DSL
import Foundation
import Testing
@testable import Zoo

/// A plugin declared outside `Sources/Plugins` (here, in the test target) registers and
/// trains like a built-in; when its loss turns non-finite the run stops with a clear
/// outcome and the last good checkpoint is kept.
final class ExplodingPlugin: Algorithm {
    static let name = "exploding-test-plugin"
    static let summary = "Acts randomly; its loss becomes NaN at a chosen update."
    static let hyperparameters = [HyperparameterInfo("explode_at", "3", "update whose loss is NaN")]

    let explodeAt: Int
    let weights = ParameterGroup([("w", Parameter(Tensor([1, 2, 3])))])
    let optimizer: any Optimizer
    var updates = 0
    let actions: Int

    init(settings: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {
        explodeAt = try settings.int("explode_at", default: 3, in: 1...1000)
        guard case .discrete(let d) = context.actionSpace else { throw settings.node.error("needs discrete actions") }
        actions = d.n
        optimizer = SGD(weights.parameters, learningRate: 0.1)
    }

    var collection: any CollectionPlan { .steps(4) }

    func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        Decision(actions: Tensor((0..<observations.shape[0]).map { _ in Float(random.nextInt(below: actions)) }))
    }

    func values(_ observations: Tensor) -> Tensor? { nil }

    func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport {
        updates += 1
        weights.parameters[0].assign([Float(updates), 0, 0])
        return UpdateReport([("actor_loss", updates == explodeAt ? .nan : 1)])
    }

    var modules: [(name: String, module: any Module)] { [("weights", weights)] }
    var optimizers: [(name: String, optimizer: any Optimizer)] { [("sgd", optimizer)] }
}

@Suite("Non-finite losses and outside plugins")
struct NonFiniteLossTests {
    @Test func runStopsAndKeepsTheLastGoodCheckpoint() throws {
        let registry = AlgorithmRegistry()
        registry.register(ExplodingPlugin.self)
        let dir = NSTemporaryDirectory() + "zoo-nan-\(UUID().uuidString)"
        let text = """
            env: {id: CartPole-v1, copies: 2}
            algorithm: {name: exploding-test-plugin, explode_at: 3}
            train: {steps: 1000}
            output: {dir: \(dir), plot: false, tensorboard: false}
            """
        let recipe = try Recipe(document: RecipeDocument(text: text), defaultName: "nan", algorithms: registry)
        let recorder = try RunRecorder(recipe: recipe)
        let trainer = try Trainer(recipe: recipe, observers: [recorder])
        #expect(try trainer.run() == .nonFiniteLoss(update: 3, term: "actor_loss"))
        #expect(recorder.failure == nil)
        // The checkpoint written after update 1 is kept; update 3's parameters are not saved.
        let last = try SafetensorsReader.read(path: "\(dir)/checkpoints/last.safetensors")
        #expect(last.tensors["module/weights/w"]?.scalars == [1, 0, 0])
        let summary = try String(contentsOfFile: "\(dir)/summary.json", encoding: .utf8)
        #expect(summary.contains("\"status\" : \"failed\""))
    }
}
