/// Timing for Zoo's benchmarks: the best of several rounds, each long enough to be
/// measured, as `timeit` does — the least-disturbed round estimates the true cost.
public enum BenchmarkClock {
    /// Seconds per call of `body`: rounds of `calls` calls (doubled until a round takes at
    /// least `minimumRound` seconds), best of `rounds`.
    public static func secondsPerCall(rounds: Int = 5, minimumRound: Double = 0.1, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var calls = 1
        while true {
            let t = clock.measure { for _ in 0..<calls { body() } }
            if t.seconds >= minimumRound || calls >= 1 << 24 { break }
            calls *= 2
        }
        var best = Double.infinity
        for _ in 0..<rounds {
            let t = clock.measure { for _ in 0..<calls { body() } }
            best = min(best, t.seconds / Double(calls))
        }
        return best
    }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}
