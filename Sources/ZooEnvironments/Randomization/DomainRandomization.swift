import DSL
import ZooSupport

/// Per-copy random environment parameters: each copy of a vector environment draws its
/// own kwargs from the given distributions, at creation and again whenever the trainer
/// calls `VectorEnv.redrawParameters()` (e.g. every k updates).
///
/// Reproducible: copy `i` draws from a stream derived from `seed` and `i` only, so the
/// draws do not depend on the number of copies or threads, and the n-th redraw of a copy
/// is always the same.
public struct DomainRandomization: Sendable, Equatable {
    public var distributions: [String: ParameterDistribution]
    public var seed: Int

    public init(_ distributions: [String: ParameterDistribution], seed: Int) {
        self.distributions = distributions
        self.seed = seed
    }
}

/// The state of domain randomisation inside a vector environment: the spec the copies
/// are built from, the fixed kwargs, each copy's stream and current kwargs.
package final class DomainRandomizer: @unchecked Sendable {
    let spec: EnvSpec
    let fixedKwargs: Kwargs
    let maxEpisodeSteps: Int?
    let observationWrappers: ObservationWrappers
    let randomization: DomainRandomization
    private var streams: [SeededRandom]
    private(set) var currentKwargs: [Kwargs] = []
    /// How many times the copies' kwargs have been drawn (creation included).
    package private(set) var draws = 0

    init(spec: EnvSpec, kwargs: Kwargs, maxEpisodeSteps: Int?, observationWrappers: ObservationWrappers,
         randomization: DomainRandomization, numEnvs: Int) throws(EnvError) {
        let names = spec.parameters.map(\.name)
        for (name, distribution) in randomization.distributions.sorted(by: { $0.key < $1.key }) {
            guard names.contains(name) else {
                throw .unknownKwarg(env: spec.id, name: name, suggestion: EditDistance.closest(to: name, among: names))
            }
            try distribution.validate(name: name)
        }
        self.spec = spec
        fixedKwargs = kwargs
        self.maxEpisodeSteps = maxEpisodeSteps
        self.observationWrappers = observationWrappers
        self.randomization = randomization
        let root = SeededRandom(seed: randomization.seed).derived("domain-randomization")
        streams = (0..<numEnvs).map { root.derived(UInt64($0)) }
    }

    /// Draws fresh kwargs for every copy and builds the environments.
    func drawCopies() throws(EnvError) -> [any Environment] {
        var kwargsList: [Kwargs] = []
        var copies: [any Environment] = []
        for i in 0..<streams.count {
            var kwargs = fixedKwargs
            for (name, distribution) in randomization.distributions.sorted(by: { $0.key < $1.key }) {
                kwargs[name] = distribution.sample(using: &streams[i])
            }
            copies.append(try observationWrappers.apply(to: spec.make(kwargs, maxEpisodeSteps: maxEpisodeSteps)))
            kwargsList.append(kwargs)
        }
        currentKwargs = kwargsList
        draws += 1
        return copies
    }
}

extension VectorEnv {
    /// `numEnvs` copies of a registered environment whose kwargs are randomised per copy.
    public convenience init(
        id: String, numEnvs: Int, kwargs: Kwargs = [:], randomization: DomainRandomization,
        maxEpisodeSteps: Int? = nil, observationWrappers: ObservationWrappers = .none,
        autoreset: AutoresetMode = .nextStep, execution: VectorExecution = .sync,
        registry: EnvironmentRegistry = .shared
    ) throws(EnvError) {
        guard numEnvs >= 1 else { throw .invalidArgument("num_envs must be at least 1, got \(numEnvs)") }
        let randomizer = try DomainRandomizer(
            spec: try registry.spec(id), kwargs: kwargs, maxEpisodeSteps: maxEpisodeSteps,
            observationWrappers: observationWrappers, randomization: randomization, numEnvs: numEnvs)
        try self.init(try randomizer.drawCopies(), autoreset: autoreset, execution: execution)
        self.randomizer = randomizer
    }

    /// The kwargs each copy was built with (empty without domain randomisation).
    public var copyKwargs: [Kwargs] { randomizer?.currentKwargs ?? [] }

    /// Draws new parameters for every copy and rebuilds it, keeping its random stream.
    /// Episodes in progress are abandoned: call `reset()` (through any wrappers) before
    /// the next step; stepping first is an error.
    public func redrawParameters() throws(EnvError) {
        guard let randomizer else {
            throw .invalidArgument("this vector environment was not created with domain randomisation")
        }
        let copies = try randomizer.drawCopies()
        for (i, env) in copies.enumerated() { try replaceCopy(i, with: env) }
    }
}
