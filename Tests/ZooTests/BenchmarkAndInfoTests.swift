import Testing
@testable import Zoo
@testable import ZooEnvironments

@Suite("Benchmark plumbing and batched info")
struct BenchmarkAndInfoTests {
    @Test func mtraceLogsAreCounted() {
        let log = """
            = Start
            @ /lib/libswiftCore.so:[0x7f01] + 0x5581 0x40
            @ [0x7f02] - 0x5581
            @ ./zoo:[0x55a0] < 0x5590
            @ ./zoo:[0x55a0] > 0x55b0 0x80
            @ [0x7f03] + 0x55c0 0x10
            = End
            """
        #expect(AllocationTrace.allocationRecords(in: log) == 3)
        // Without the debugging library preloaded, tracing reports itself unavailable.
        #expect(AllocationTrace.count({}) == nil)
    }

    @Test func benchmarkRunsAndReports() throws {
        let result = try EnvBenchmark.run(.init(copies: 4, threads: 2), iterations: 300, repeats: 1)
        #expect(result.envSteps == 1200)
        #expect(result.stepsPerSecond > 0)
        #expect(result.episodesFinished > 0)
        #expect(result.allocations == nil)
        #expect(EnvBenchmark.table([result]).contains("threads(2)"))
        #expect(throws: EnvError.self) { try EnvBenchmark.run(.init(copies: 1, threads: 0), iterations: 0) }
    }

    @Test func infoIsBatchedWithAPresenceMask() throws {
        let envs = try VectorEnv(Array(repeating: CounterEnv(), count: 3), autoreset: .sameStep)
        try envs.reset(seed: 0)
        #expect(envs.batchedInfo("tag") == BatchedInfo(values: [.int(0), .int(100), .int(200)], mask: [true, true, true]))
        try envs.step([0, 0, 0])
        try envs.step([0, 0, 0])  // copy 0 (length 2) ends and is reset in the same step
        #expect(envs.batchedFinalInfo("last") == BatchedInfo(values: [.int(2), nil, nil], mask: [true, false, false]))
        #expect(envs.batchedInfo("tag").mask == [true, false, false])
    }
}
