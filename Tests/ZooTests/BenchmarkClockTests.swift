import Testing
@testable import Zoo

@Suite("Benchmark clock")
struct BenchmarkClockTests {
    @Test func measuresTheBodyOverRepeatedRounds() {
        nonisolated(unsafe) var calls = 0
        let seconds = BenchmarkClock.secondsPerCall(rounds: 2, minimumRound: 0.001) { calls += 1 }
        #expect(seconds.isFinite && seconds >= 0)
        #expect(calls >= 3)
    }

    @Test func durationSeconds() {
        #expect(Duration.milliseconds(1500).seconds == 1.5)
    }
}
