import Foundation
import Testing
import DSL
@testable import Plugins
@testable import Zoo

/// DQN / double-DQN targets, SAC's temperature, critic and actor steps, TD3's smoothed
/// targets and delayed actor step, and the squashed-Gaussian log-probability, against
/// PyTorch with Stable-Baselines3's formulas (scripts/offpolicy_loss_fixtures.py; its
/// docstring gives every definition). Each plugin is built from the fixture's recipe
/// snippet, its `modules` are loaded with the fixture's weights, and Zoo's own code runs:
/// `DQN.targets`, `DQN.update`, `SAC.step` + `TwinCritics.updateTargets`, `TD3.update`,
/// `GaussianActionNoise.perturb`. The `update` cases draw their minibatch rows and TD3's
/// smoothing noise from `SeededRandom`, which the script replicates.
@Suite("DQN, SAC and TD3 gradient steps match PyTorch")
struct OffPolicyLossFixtureTests {
    struct T: Decodable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { Tensor(shape: shape, scalars: data) }
    }

    typealias Weights = [String: T]

    struct Batch: Decodable {
        let observations, actions, rewards, next_observations, terminated: T
        var batch: ReplayBatch {
            ReplayBatch(observations: observations.tensor, actions: actions.tensor, rewards: rewards.tensor,
                        nextObservations: next_observations.tensor, terminated: terminated.tensor)
        }
    }

    struct RandomCheck: Decodable {
        let seed: Int, bound: Int
        let ints: [Int]
        let normals: [Double]
    }

    struct DQNUpdate: Decodable {
        let seed: Int
        let buffer: Batch
        let indices: [[Int]]
        let losses, q_means, gradient_norms: [Double]
        let q_after: Weights
    }

    struct DQNFixture: Decodable {
        let recipe: String
        let observation_width, actions: Int
        let q, q_target: Weights
        let batch: Batch
        let targets, targets_double: T
        let loss: Double
        let q_grads: Weights
        let update: DQNUpdate
    }

    struct SACStep: Decodable {
        let batch: Batch
        let noise, next_noise, actions_pi, log_prob, next_actions, next_log_prob, next_q_min, target_q: T
        let ent_coef, ent_coef_loss, critic_loss, actor_loss: Double
        enum CodingKeys: String, CodingKey {
            case batch, noise, next_noise, actions_pi, log_prob, next_actions, next_log_prob, next_q_min, target_q
            case ent_coef, ent_coef_loss, critic_loss, actor_loss, after
        }
        /// `after` holds networks and, for a tuned temperature, the `log_alpha` tensor.
        let afterNetworks: [String: Weights]
        let afterLogAlpha: T?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            batch = try c.decode(Batch.self, forKey: .batch)
            noise = try c.decode(T.self, forKey: .noise)
            next_noise = try c.decode(T.self, forKey: .next_noise)
            actions_pi = try c.decode(T.self, forKey: .actions_pi)
            log_prob = try c.decode(T.self, forKey: .log_prob)
            next_actions = try c.decode(T.self, forKey: .next_actions)
            next_log_prob = try c.decode(T.self, forKey: .next_log_prob)
            next_q_min = try c.decode(T.self, forKey: .next_q_min)
            target_q = try c.decode(T.self, forKey: .target_q)
            ent_coef = try c.decode(Double.self, forKey: .ent_coef)
            ent_coef_loss = try c.decode(Double.self, forKey: .ent_coef_loss)
            critic_loss = try c.decode(Double.self, forKey: .critic_loss)
            actor_loss = try c.decode(Double.self, forKey: .actor_loss)
            let nested = try c.nestedContainer(keyedBy: AnyKey.self, forKey: .after)
            afterLogAlpha = try nested.decodeIfPresent(T.self, forKey: AnyKey("log_alpha"))
            var networks: [String: Weights] = [:]
            for key in nested.allKeys where key.stringValue != "log_alpha" {
                networks[key.stringValue] = try nested.decode(Weights.self, forKey: key)
            }
            afterNetworks = networks
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct SACCase: Decodable {
        let name, recipe: String
        let target_entropy: Double
        let actor, critic_1, critic_2, critic_target_1, critic_target_2: Weights
        let steps: [SACStep]
        var networks: [String: Weights] {
            ["actor": actor, "critic_1": critic_1, "critic_2": critic_2, "critic_target_1": critic_target_1,
             "critic_target_2": critic_target_2]
        }
    }

    struct SACFixture: Decodable {
        let observation_width: Int
        let low, high: [Float]
        let cases: [SACCase]
    }

    struct TD3Step: Decodable {
        let indices: [Int]
        let noise, next_actions, target_q: T
        let critic_loss: Double
        let actor_loss: Double?
    }

    struct Smoothing: Decodable {
        let seed: Int
        let sigma, clip: Float
        let actions, noise, smoothed: T
    }

    struct TD3Run: Decodable {
        let steps: [TD3Step]
        let after: [String: Weights]
    }

    struct TD3Fixture: Decodable {
        let recipe: String
        let observation_width: Int
        let low, high: [Float]
        let seed: Int
        let buffer: Batch
        let before, after: [String: Weights]
        let steps: [TD3Step]
        /// The same update with ½·Σ_i MSE as the critic loss.
        let smoothing: Smoothing
    }

    struct File: Decodable {
        let random_check: RandomCheck
        let dqn: DQNFixture
        let sac: SACFixture
        let td3: TD3Fixture
    }

    static func fixture() throws -> File { try Fixtures.load("offpolicy_losses", as: File.self) }

    // MARK: Helpers

    /// The plugin `A` built from the algorithm mapping `recipe` (YAML flow style), every key
    /// checked as a recipe would be.
    static func build<A: Algorithm>(_ type: A.Type, _ recipe: String, _ context: AlgorithmContext) throws -> A {
        let m = try RecipeDocument(text: "algorithm: \(recipe)").root.mapping().required("algorithm").mapping()
        _ = m.optional("name")
        let algorithm = try A(settings: m, context: context)
        try m.finish()
        return algorithm
    }

    static func boxContext(observationWidth: Int, low: [Float], high: [Float]) throws -> AlgorithmContext {
        AlgorithmContext(observationWidth: observationWidth, actionSpace: .box(try Box(low: low, high: high)), copies: 1,
                         totalSteps: 1000, seed: 0)
    }

    /// Loads `weights` into the plugin's modules of the same names.
    static func load(_ algorithm: any Algorithm, _ weights: [String: Weights]) throws {
        let modules = Dictionary(uniqueKeysWithValues: algorithm.modules.map { ($0.name, $0.module) })
        for (name, w) in weights {
            let module = try #require(modules[name], "no module \(name)")
            try module.loadStateDictionary(w.mapValues(\.tensor))
        }
    }

    /// Fills the plugin's replay buffer with `rows` and sets its clock past warm-up.
    static func fill(_ replay: ReplayBuffer, _ rows: Batch) {
        let w = replay.observationWidth, aw = replay.actionWidth, n = rows.rewards.data.count
        for r in 0..<n {
            replay.append(observation: rows.observations.data[(r * w)..<((r + 1) * w)],
                          action: rows.actions.data[(r * aw)..<((r + 1) * aw)], reward: rows.rewards.data[r],
                          nextObservation: rows.next_observations.data[(r * w)..<((r + 1) * w)],
                          terminated: rows.terminated.data[r] != 0)
        }
        replay.environmentSteps = n
    }

    /// One collected step (`update` reads only its counts here).
    static var oneStep: Experience {
        Experience(
            steps: 1, copies: 1, observations: Tensor(shape: [1, 1, 1], scalars: [0]), actions: Tensor(shape: [1, 1], scalars: [0]),
            logProbabilities: nil, values: nil,
            signals: StepSignals(steps: 1, copies: 1, rewards: [0], values: [0], nextValues: [0], terminated: [0], truncated: [0]))
    }

    /// |got − expected| ≤ atol + rtol·|expected| for every element; the message names the
    /// worst one.
    static func expectClose(_ got: [Float], _ expected: [Float], rtol: Float, atol: Float, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard got.count == expected.count else {
            Issue.record("\(what): \(got.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
            return
        }
        var worst = (excess: Float(0), index: -1)
        for (i, (g, e)) in zip(got, expected).enumerated() {
            let excess = Swift.abs(g - e) - (atol + rtol * Swift.abs(e))
            if !(excess <= 0), !(excess <= worst.excess) { worst = (excess.isNaN ? .infinity : excess, i) }
        }
        if worst.index >= 0 {
            let i = worst.index
            Issue.record("\(what)[\(i)] = \(got[i]), expected \(expected[i]) (rtol \(rtol), atol \(atol))",
                         sourceLocation: sourceLocation)
        }
    }

    static func expectClose(_ got: Tensor, _ expected: T, rtol: Float, atol: Float, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.shape == expected.shape, "\(what) shape", sourceLocation: sourceLocation)
        expectClose(got.scalars, expected.data, rtol: rtol, atol: atol, what, sourceLocation: sourceLocation)
    }

    static func expectClose(_ got: Double, _ expected: Double, rtol: Double, atol: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Swift.abs(got - expected) <= atol + rtol * Swift.abs(expected), "\(what): \(got) vs \(expected)",
                sourceLocation: sourceLocation)
    }

    /// Every parameter of the named modules against `expected`.
    static func expectWeights(_ algorithm: any Algorithm, _ expected: [String: Weights], rtol: Float, atol: Float,
                              _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let modules = Dictionary(uniqueKeysWithValues: algorithm.modules.map { ($0.name, $0.module) })
        for (name, weights) in expected.sorted(by: { $0.key < $1.key }) {
            guard let module = modules[name] else {
                Issue.record("no module \(name)", sourceLocation: sourceLocation)
                continue
            }
            let state = module.stateDictionary()
            #expect(Set(state.keys) == Set(weights.keys), "\(what) \(name) names", sourceLocation: sourceLocation)
            for (key, value) in weights.sorted(by: { $0.key < $1.key }) {
                guard let got = state[key] else { continue }
                expectClose(got, value, rtol: rtol, atol: atol, "\(what) \(name).\(key)", sourceLocation: sourceLocation)
            }
        }
    }

    // Tolerances. Forward values differ from PyTorch only by float32 summation order;
    // parameters after Adam steps by that, propagated through m / (√v + ε).
    static let forward: (rtol: Float, atol: Float) = (1e-5, 1e-6)
    static let stepped: (rtol: Float, atol: Float) = (1e-5, 2e-6)

    // MARK: Tests

    /// The script's SeededRandom replica draws what Zoo draws (the `update` cases rely on it).
    @Test func seededRandomReplica() throws {
        let check = try Self.fixture().random_check
        var ints = SeededRandom(seed: check.seed), normals = SeededRandom(seed: check.seed)
        #expect(check.ints == check.ints.indices.map { _ in ints.nextInt(below: check.bound) })
        for (k, expected) in check.normals.enumerated() {
            let got = normals.nextNormal()
            #expect(Swift.abs(got - expected) <= 1e-12 * Swift.abs(expected), "normal \(k): \(got) vs \(expected)")
        }
    }

    @Test func dqnTargetsLossAndGradients() throws {
        let f = try Self.fixture().dqn
        let context = AlgorithmContext(observationWidth: f.observation_width, actionSpace: .discrete(try Discrete(f.actions)),
                                       copies: 1, totalSteps: 1000, seed: 0)
        let dqn = try Self.build(DQN.self, f.recipe, context)
        try Self.load(dqn, ["q": f.q, "q_target": f.q_target])
        let batch = f.batch.batch
        let (r, a) = Self.forward
        Self.expectClose(DQN.targets(batch, online: dqn.q, target: dqn.target, gamma: dqn.replaySettings.gamma, doubleQ: false),
                         f.targets, rtol: r, atol: a, "targets")
        Self.expectClose(DQN.targets(batch, online: dqn.q, target: dqn.target, gamma: dqn.replaySettings.gamma, doubleQ: true),
                         f.targets_double, rtol: r, atol: a, "double-DQN targets")
        // The loss as DQN.update writes it, with the fixture's (not recomputed) targets.
        let predicted = dqn.q(batch.observations).gather(axis: 1, indices: batch.actions).reshaped([-1])
        let loss = huberLoss(predicted, f.targets.tensor)
        Self.expectClose(Double(loss.item), f.loss, rtol: 1e-5, atol: 1e-7, "smooth L1 loss")
        loss.backward()
        for (name, p) in dqn.q.namedParameters {
            let g = try #require(p.gradient, "no gradient for \(name)")
            Self.expectClose(g, try #require(f.q_grads[name]), rtol: 1e-4, atol: 1e-6, "dLoss/d\(name)")
        }
    }

    /// DQN.update: two minibatches from the replay buffer, Huber loss, gradient clipping
    /// (active: the norms exceed max_grad_norm), Adam.
    @Test func dqnUpdate() throws {
        let f = try Self.fixture().dqn
        let context = AlgorithmContext(observationWidth: f.observation_width, actionSpace: .discrete(try Discrete(f.actions)),
                                       copies: 1, totalSteps: 1000, seed: 0)
        let dqn = try Self.build(DQN.self, f.recipe, context)
        try Self.load(dqn, ["q": f.q, "q_target": f.q_target])
        Self.fill(dqn.replay, f.update.buffer)
        var random = SeededRandom(seed: f.update.seed)
        var probe = random
        let first = dqn.replay.sample(f.update.indices[0].count, random: &probe)
        #expect(first.rewards.scalars == f.update.indices[0].map { f.update.buffer.rewards.data[$0] }, "sampled rows")
        let report = dqn.update(Self.oneStep, random: &random)
        let n = Double(f.update.losses.count)
        #expect(report["gradient_steps"] == n)
        Self.expectClose(try #require(report["critic_loss"]), f.update.losses.reduce(0, +) / n, rtol: 1e-5, atol: 1e-7, "loss")
        Self.expectClose(try #require(report["q_mean"]), f.update.q_means.reduce(0, +) / n, rtol: 1e-5, atol: 1e-6, "q mean")
        let (r, a) = Self.stepped
        Self.expectWeights(dqn, ["q": f.update.q_after, "q_target": f.q_target], rtol: r, atol: a, "after update")
    }

    /// SAC.step then TwinCritics.updateTargets, as SAC.update runs them: the temperature,
    /// critic and actor losses, α, the squashed-Gaussian samples and log-probabilities, the
    /// twin-critic target, and every parameter after each step (log_std partly clamped).
    @Test func sacSteps() throws {
        let f = try Self.fixture().sac
        let context = try Self.boxContext(observationWidth: f.observation_width, low: f.low, high: f.high)
        let (r, a) = Self.forward
        for c in f.cases {
            let sac = try Self.build(SAC.self, c.recipe, context)
            try Self.load(sac, c.networks)
            #expect(Double(sac.targetEntropy) == c.target_entropy, "\(c.name) target entropy")
            for (k, step) in c.steps.enumerated() {
                let what = "\(c.name) step \(k)"
                let batch = step.batch.batch
                withoutGradient {
                    let alpha = sac.logAlpha.value.exp()
                    Self.expectClose(Double(alpha.item), step.ent_coef, rtol: 1e-6, atol: 0, "\(what) α")
                    let (actions, logProbability) = sac.policy(batch.observations)
                        .sampleWithLogProbability(noise: step.noise.tensor)
                    Self.expectClose(actions, step.actions_pi, rtol: r, atol: a, "\(what) actions")
                    Self.expectClose(logProbability, step.log_prob, rtol: r, atol: 1e-5, "\(what) log π")
                    let (next, nextLogProbability) = sac.policy(batch.nextObservations)
                        .sampleWithLogProbability(noise: step.next_noise.tensor)
                    Self.expectClose(next, step.next_actions, rtol: r, atol: a, "\(what) next actions")
                    Self.expectClose(nextLogProbability, step.next_log_prob, rtol: r, atol: 1e-5, "\(what) next log π")
                    let minimum = sac.critics.targetMinimum(batch.nextObservations, next)
                    Self.expectClose(minimum, step.next_q_min, rtol: r, atol: a, "\(what) min target Q")
                    let y = batch.rewards + (1 - batch.terminated) * sac.replaySettings.gamma * (minimum - alpha * nextLogProbability)
                    Self.expectClose(y, step.target_q, rtol: r, atol: 1e-5, "\(what) target")
                }
                let losses = SAC.step(batch, noise: step.noise.tensor, nextNoise: step.next_noise.tensor,
                                      scaling: sac.scaling, actor: sac.policy, critics: sac.critics, logAlpha: sac.logAlpha,
                                      alphaOptimizer: sac.alphaOptimizer, actorOptimizer: sac.actorOptimizer,
                                      targetEntropy: sac.targetEntropy, gamma: sac.replaySettings.gamma)
                sac.critics.updateTargets(tau: sac.replaySettings.tau)
                Self.expectClose(Double(losses.alpha), step.ent_coef, rtol: 1e-6, atol: 0, "\(what) α used")
                Self.expectClose(Double(losses.alphaLoss), step.ent_coef_loss, rtol: 1e-5, atol: 1e-6, "\(what) α loss")
                Self.expectClose(Double(losses.critic), step.critic_loss, rtol: 1e-5, atol: 1e-6, "\(what) critic loss")
                Self.expectClose(Double(losses.actor), step.actor_loss, rtol: 1e-5, atol: 1e-6, "\(what) actor loss")
                let (sr, sa) = Self.stepped
                Self.expectWeights(sac, step.afterNetworks, rtol: sr, atol: sa, what)
                if let logAlpha = step.afterLogAlpha {
                    Self.expectClose(sac.logAlpha.value, logAlpha, rtol: 1e-6, atol: 1e-7, "\(what) log α")
                } else {
                    #expect(sac.alphaOptimizer == nil, "\(what): a fixed α has no optimiser")
                }
            }
        }
    }

    /// TD3.update: three gradient steps (critic every step with the smoothed target; actor
    /// and both targets on the second, policy_delay 2) and every parameter after them.
    @Test func td3Update() throws {
        let f = try Self.fixture().td3
        let td3 = try Self.build(TD3.self, f.recipe, try Self.boxContext(observationWidth: f.observation_width,
                                                                        low: f.low, high: f.high))
        try Self.load(td3, f.before)
        Self.fill(td3.replay, f.buffer)
        var random = SeededRandom(seed: f.seed)
        var probe = random
        let first = td3.replay.sample(f.steps[0].indices.count, random: &probe)
        #expect(first.rewards.scalars == f.steps[0].indices.map { f.buffer.rewards.data[$0] }, "sampled rows")
        let report = td3.update(Self.oneStep, random: &random)
        #expect(report["gradient_steps"] == Double(f.steps.count))
        let reported = (critic: try #require(report["critic_loss"]), actor: try #require(report["actor_loss"]))
        func mean(_ run: [TD3Step]) -> (critic: Double, actor: Double) {
            let actor = run.compactMap(\.actor_loss)
            return (run.map(\.critic_loss).reduce(0, +) / Double(run.count), actor.reduce(0, +) / Double(actor.count))
        }
        let (r, a) = Self.stepped
        Self.expectClose(reported.critic, mean(f.steps).critic, rtol: 1e-5, atol: 1e-6, "critic loss")
        Self.expectClose(reported.actor, mean(f.steps).actor, rtol: 1e-5, atol: 1e-6, "actor loss")
        Self.expectWeights(td3, f.after, rtol: r, atol: a, "after update")
    }

    /// TD3's target policy smoothing alone: clamp(a + clamp(σ·ε, −c, c), −1, 1).
    @Test func td3SmoothingNoise() throws {
        let f = try Self.fixture().td3
        let s = f.smoothing
        let td3 = try Self.build(TD3.self, f.recipe, try Self.boxContext(observationWidth: f.observation_width,
                                                                        low: f.low, high: f.high))
        #expect(td3.smoothing.standardDeviation == s.sigma && td3.smoothing.noiseClip == s.clip)
        var random = SeededRandom(seed: s.seed)
        let smoothed = td3.smoothing.perturb(s.actions.tensor, using: &random)
        Self.expectClose(smoothed, s.smoothed, rtol: 0, atol: 1e-7, "smoothed actions")
    }
}
