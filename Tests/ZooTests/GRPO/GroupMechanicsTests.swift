import DSL
import Foundation
import Testing
@testable import Plugins
@testable import Zoo

/// A deterministic environment for group mechanics: the observation is (steps taken this
/// episode, a value drawn from the reset seed); the episode ends after 3 steps if the
/// first action was 0, after 6 if it was 1; every step's reward is 1.
struct LengthEnv: Environment {
    var random = SeededRandom(seed: 0)
    var steps = 0
    var length = 0
    var tag: Float = 0
    var observationSpace: Box { try! Box(low: -1e6, high: 1e6, shape: [2]) }
    var actionSpace: ActionSpace { .discrete(LengthEnv.actions) }
    static let actions = try! Discrete(2)

    mutating func reset(seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Float>) throws(EnvError) -> Info? {
        if let seed { random = SeededRandom(seed: seed) }
        steps = 0
        length = 0
        tag = random.nextFloat()
        observation[0] = 0
        observation[1] = tag
        return nil
    }

    mutating func step(_ action: ActionView, into observation: UnsafeMutableBufferPointer<Float>) throws(EnvError) -> StepOutcome {
        let a = try action.discrete(in: LengthEnv.actions)
        if steps == 0 { length = a == 0 ? 3 : 6 }
        steps += 1
        observation[0] = Float(steps)
        observation[1] = tag
        return StepOutcome(reward: 1, terminated: steps >= length)
    }
}

/// A uniformly random policy with the grouped collection plan.
final class RandomGroupPolicy: Algorithm {
    static let name = "random-groups"
    static let summary = "test policy"
    static let hyperparameters: [HyperparameterInfo] = []
    init(settings: RecipeMapping, context: AlgorithmContext) throws(RecipeError) {}
    var collection: any CollectionPlan { .groups(generations: 3, groupsPerUpdate: 2) }
    func act(_ observations: Tensor, mode: ActingMode, random: inout SeededRandom) -> Decision {
        Decision(actions: Tensor((0..<observations.shape[0]).map { _ in Float(random.nextInt(below: 2)) }),
                 logProbabilities: Tensor.zeros([observations.shape[0]]))
    }
    func values(_ observations: Tensor) -> Tensor? { nil }
    func update(_ experience: Experience, random: inout SeededRandom) -> UpdateReport { UpdateReport() }
    var modules: [(name: String, module: any Module)] { [] }
    var optimizers: [(name: String, optimizer: any Optimizer)] { [] }
}

@Suite("GRPO group mechanics")
struct GroupMechanicsTests {
    /// 4 groups × 3 generations of LengthEnv, autoreset disabled.
    static func collector(options: GroupOptions = GroupOptions()) throws -> (GroupCollector, any Algorithm) {
        let registry = EnvironmentRegistry()
        try registry.register(id: "Length-v0") { _ throws(EnvError) in LengthEnv() }
        let recipe = try EnvironmentRecipe.read(
            RecipeDocument(text: "env: {id: Length-v0, copies: 12}").root.mapping().required("env"), registry: registry)
        let built = try recipe.build(seed: 0, autoreset: .disabled, registry: registry)
        let c = try GroupCollector(built, generations: 3, groupsPerUpdate: 2, seed: 5, options: options)
        let algorithm = try RandomGroupPolicy(settings: RecipeDocument(text: "a: {}").root.mapping().required("a").mapping(),
                                              context: AlgorithmContext(observationWidth: 2, actionSpace: .discrete(LengthEnv.actions),
                                                                        copies: 12, totalSteps: 100, seed: 0))
        return (c, algorithm)
    }

    static func rows(_ c: GroupCollector) -> [[Float]] {
        (0..<12).map { Array(c.env.buffers.observation($0)) }
    }

    @Test func generationsOfAGroupStartIdentically() throws {
        let (c, _) = try Self.collector()
        try c.start(seed: nil)
        let r = Self.rows(c)
        for g in 0..<4 {
            #expect(r[g * 3] == r[g * 3 + 1] && r[g * 3] == r[g * 3 + 2])
        }
        #expect(Set((0..<4).map { r[$0 * 3][1] }).count == 4, "each group has its own seed")
    }

    @Test func finishedGenerationsWaitAndNoStepAfterTheEndIsCounted() throws {
        let (c, algorithm) = try Self.collector()
        try c.start(seed: nil)
        var random = SeededRandom(seed: 1)
        for _ in 0..<5 {
            let e = try c.collect(groups: 2, algorithm: algorithm, random: &random)
            #expect(e.copies == 6)
            let obs = e.observations.scalars, valid = e.signals.valid, rewards = e.signals.rewards
            for col in 0..<e.copies {
                let length = (0..<e.steps).filter { valid[$0 * e.copies + col] != 0 }.count
                #expect(length == 3 || length == 6)
                // Valid steps are exactly the first `length`; the step counter runs 0, 1, 2, …
                for t in 0..<e.steps {
                    let k = t * e.copies + col
                    #expect(valid[k] == (t < length ? 1 : 0))
                    #expect(rewards[k] == (t < length ? 1 : 0))
                    if t < length { #expect(obs[k * 2] == Float(t)) }
                }
                #expect(e.signals.terminated[(length - 1) * e.copies + col] == 1)
            }
            // Generations of one finished group share their start (seed tag).
            for g in 0..<2 {
                let tags = (0..<3).map { obs[(g * 3 + $0) * 2 + 1] }
                #expect(Set(tags).count == 1)
            }
        }
    }

    @Test func groupsResetIndependentlyWithFreshSeeds() throws {
        let (c, algorithm) = try Self.collector()
        try c.start(seed: nil)
        #expect(c.groupResets == 4)
        var random = SeededRandom(seed: 2)
        var seen: Set<Float> = []
        var groupsSeen = 0
        for _ in 0..<6 {
            let e = try c.collect(groups: 1, algorithm: algorithm, random: &random)
            seen.insert(e.observations.scalars[1])
            groupsSeen += 1
        }
        // Every finished group was reset on its own with a new seed; the others carried on.
        #expect(c.groupResets >= 4 + groupsSeen)
        #expect(seen.count == groupsSeen, "every collected group episode started from its own seed")
        // A copy finished but not yet reset is never stepped: the environment would throw
        // (autoreset disabled) if it were.
    }

    /// Branching: each group's generations start from the state its scout reached after
    /// 0 or 2 steps; the scout's steps count as environment steps but are not training data.
    @Test func generationsBranchFromTheScoutsState() throws {
        let (c, algorithm) = try Self.collector(options: GroupOptions(branchEvery: 2, branchDepth: 3))
        try c.start(seed: nil)
        var random = SeededRandom(seed: 3)
        var trainingSteps = 0, depths = Set<Float>()
        for _ in 0..<10 {
            let e = try c.collect(groups: 2, algorithm: algorithm, random: &random)
            let obs = e.observations.scalars, width = 2
            trainingSteps += e.signals.valid.reduce(0) { $0 + Int($1) }
            for group in 0..<(e.copies / 3) {
                // Step 0 of every generation of a group: the same observation (same state).
                let first = (0..<3).map { gen in Array(obs[((group * 3 + gen) * width)..<((group * 3 + gen) * width + width)]) }
                #expect(first.allSatisfy { $0 == first[0] })
                depths.insert(first[0][0])
            }
        }
        #expect(depths == [0, 2])
        #expect(c.scoutSteps > 0)
        // Steps of groups still in flight are counted in envSteps but not yet collected.
        #expect(trainingSteps + c.scoutSteps <= c.envSteps)
    }

    /// Dynamic sampling keeps only groups whose generations earned different returns.
    @Test func dynamicSamplingDropsGroupsWithoutSpread() throws {
        let (c, algorithm) = try Self.collector(options: GroupOptions(dynamicSampling: true))
        try c.start(seed: nil)
        var random = SeededRandom(seed: 4)
        for _ in 0..<10 {
            let e = try c.collect(groups: 2, algorithm: algorithm, random: &random)
            for group in 0..<(e.copies / 3) {
                let returns = (0..<3).map { gen in
                    (0..<e.steps).reduce(Float(0)) { $0 + e.signals.rewards[$1 * e.copies + group * 3 + gen] }
                }
                #expect(Set(returns).count > 1)
            }
        }
        #expect(c.droppedGroups > 0)
    }
}
