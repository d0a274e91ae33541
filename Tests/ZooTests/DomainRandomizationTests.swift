import DSL
import Testing
@testable import Zoo

@Suite("Domain randomisation")
struct DomainRandomizationTests {
    let randomization = DomainRandomization(
        ["g": .normal(mean: 10, std: 2, clip: 8...12)], seed: 42)

    @Test func eachCopyDrawsItsOwnReproducibleParameters() throws {
        let a = try VectorEnv(id: "Pendulum-v1", numEnvs: 4, randomization: randomization)
        let b = try VectorEnv(id: "Pendulum-v1", numEnvs: 2, randomization: randomization, execution: .threads(2))
        let gs = a.copyKwargs.map { $0["g"]!.doubleValue! }
        #expect(Set(gs).count == 4, "copies draw different values")
        #expect(gs.allSatisfy { (8...12).contains($0) })
        #expect(Array(gs.prefix(2)) == b.copyKwargs.map { $0["g"]!.doubleValue! }, "draws do not depend on the number of copies")
        #expect((a.copy(0) as! TimeLimit<Pendulum>).base.g == gs[0], "the copy is built with its kwargs")
        let other = try VectorEnv(id: "Pendulum-v1", numEnvs: 4, randomization: DomainRandomization(randomization.distributions, seed: 43))
        #expect(other.copyKwargs.map { $0["g"]!.doubleValue! } != gs)
    }

    @Test func redrawRebuildsCopiesAndRequiresAReset() throws {
        let envs = try VectorEnv(id: "Pendulum-v1", numEnvs: 3, randomization: randomization)
        try envs.reset(seed: 1)
        try envs.step(continuous: [0, 0, 0])
        let first = envs.copyKwargs
        try envs.redrawParameters()
        #expect(envs.copyKwargs != first)
        #expect(throws: EnvError.self) { try envs.step(continuous: [0, 0, 0]) }
        #expect(throws: EnvError.self) { try envs.reset(mask: [true, false, true]) }
        try envs.reset()
        try envs.step(continuous: [0, 0, 0])
        // The n-th redraw is reproducible.
        let again = try VectorEnv(id: "Pendulum-v1", numEnvs: 3, randomization: randomization)
        try again.redrawParameters()
        #expect(again.copyKwargs == envs.copyKwargs)
        let plain = try VectorEnv(id: "Pendulum-v1", numEnvs: 1)
        #expect(throws: EnvError.self) { try plain.redrawParameters() }
    }

    @Test func distributionsAreValidated() {
        #expect(throws: EnvError.unknownKwarg(env: "Pendulum-v1", name: "gg", suggestion: "g")) {
            try VectorEnv(id: "Pendulum-v1", numEnvs: 2, randomization: DomainRandomization(["gg": .uniform(low: 1, high: 2)], seed: 0))
        }
        #expect(throws: EnvError.self) {
            try VectorEnv(id: "Pendulum-v1", numEnvs: 2, randomization: DomainRandomization(["g": .uniform(low: 3, high: 2)], seed: 0))
        }
        #expect(throws: EnvError.self) {
            try VectorEnv(id: "CartPole-v1", numEnvs: 2, randomization: DomainRandomization(["sutton_barto_reward": .uniform(low: 0, high: 1)], seed: 0))
        }
        #expect(throws: EnvError.self) {
            try VectorEnv(id: "Pendulum-v1", numEnvs: 2, randomization: DomainRandomization(["g": .choice([])], seed: 0))
        }
    }

    @Test func choiceAndUniformDraws() throws {
        var random = SeededRandom(seed: 3)
        let choice = ParameterDistribution.choice([true, false])
        let draws = (0..<50).map { _ in choice.sample(using: &random) }
        #expect(Set(draws) == [true, false])
        let uniform = ParameterDistribution.uniform(low: -1, high: 1)
        #expect((0..<100).allSatisfy { _ in (-1..<1).contains(uniform.sample(using: &random).doubleValue!) })
        let envs = try VectorEnv(
            id: "CartPole-v1", numEnvs: 8,
            randomization: DomainRandomization(["sutton_barto_reward": .choice([true, false])], seed: 1))
        #expect(Set(envs.copyKwargs.map { $0["sutton_barto_reward"]! }).count == 2)
    }
}
