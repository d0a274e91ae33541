import Testing
@testable import Zoo

@Suite("LunarLander benchmark plumbing")
struct LunarBenchmarkTests {
    @Test("the benchmark cases run through the registry and count finished episodes")
    func cases() throws {
        #expect(LunarBenchmark.cases.map(\.copies) == [1, 16, 16])
        let r = try EnvBenchmark.run(EnvBenchmark.Case(environment: "LunarLander-v3", copies: 2, threads: 2), iterations: 150, repeats: 1)
        #expect(r.envSteps == 300 && r.stepsPerSecond > 0 && r.episodesFinished >= 1)
        // Without glibc's malloc debugging library preloaded, counting is unavailable.
        #expect(try LunarBenchmark.steadyState(episodes: 1) == nil)
        #expect(throws: EnvError.self) { try LunarBenchmark.steadyState(episodes: 0) }
    }
}
