import DSL

/// The DSL's committed benchmark: GEMM throughput, one training step of a small MLP and
/// the Nature-CNN actor-critic (pixels), the figures compared with PyTorch by
/// `scripts/bench_dsl_vs_torch.py`.
public enum DSLBenchmark {
    /// GEMM throughput at one size.
    public struct GEMMResult: Codable, Sendable {
        public let m: Int, n: Int, k: Int
        public let gflops: Double
    }

    /// Time of one forward + backward + Adam step of an 8-64-64-4 tanh MLP.
    public struct MLPResult: Codable, Sendable {
        public let batch: Int
        public let usPerStep: Double
        public let stepsPerS: Double

        enum CodingKeys: String, CodingKey {
            case batch
            case usPerStep = "us_per_step"
            case stepsPerS = "steps_per_s"
        }
    }

    /// Per-call times of the Nature-CNN actor-critic (trunk of three convolutions and a
    /// 3136→512 linear layer on [batch, 4, 84, 84] pixels, policy head of 6 logits, value
    /// head): `forward` is inference without gradients (a rollout), `train` is forward, the
    /// A2C loss, backward and an Adam step; `threads` is `KernelThreads.count`.
    public struct NatureCNNResult: Codable, Sendable {
        public let batch: Int
        public let mode: String
        public let threads: Int
        public let minMs: Double
        public let medianMs: Double
        public let maxMs: Double
        public let samplesPerS: Double

        enum CodingKeys: String, CodingKey {
            case batch, mode, threads
            case minMs = "min_ms", medianMs = "median_ms", maxMs = "max_ms", samplesPerS = "samples_per_s"
        }
    }

    /// Everything the benchmark measures.
    public struct Report: Codable, Sendable {
        public let gemmKernel: String
        public let gemm: [GEMMResult]
        public let mlp: [MLPResult]
        public let natureCNN: [NatureCNNResult]

        enum CodingKeys: String, CodingKey {
            case gemmKernel = "gemm_kernel"
            case gemm, mlp
            case natureCNN = "nature_cnn"
        }
    }

    /// The sizes of the comparison.
    public static let gemmSizes = [(64, 64, 64), (512, 64, 64), (256, 256, 256)]
    public static let mlpBatches = [64, 1024]
    public static let natureBatches = [32, 128, 256]
    public static let natureThreads = [1, 2]

    public static func run() -> Report {
        var random = SeededRandom(seed: 0)
        func randomTensor(_ shape: [Int]) -> Tensor {
            Tensor(shape: shape, scalars: (0..<Shape.count(shape)).map { _ in Float(random.uniform(-1, 1)) })
        }
        var gemm: [GEMMResult] = []
        for (m, n, k) in gemmSizes {
            let a = randomTensor([m, k]), b = randomTensor([k, n])
            let seconds = BenchmarkClock.secondsPerCall { _ = Tensor.matmul(a, b) }
            gemm.append(GEMMResult(m: m, n: n, k: k, gflops: 2 * Double(m * n * k) / seconds / 1e9))
        }
        var mlp: [MLPResult] = []
        for batch in mlpBatches {
            let net = Sequential.mlp([8, 64, 64, 4], activation: .tanh, random: &random)
            let optimizer = Adam(net.parameters, learningRate: 1e-3)
            let x = randomTensor([batch, 8]), target = randomTensor([batch, 4])
            let seconds = BenchmarkClock.secondsPerCall {
                optimizer.zeroGradients()
                let loss = (net(x) - target).square().mean()
                loss.backward()
                optimizer.step()
            }
            mlp.append(MLPResult(batch: batch, usPerStep: seconds * 1e6, stepsPerS: 1 / seconds))
        }
        return Report(gemmKernel: GEMMKernel.name, gemm: gemm, mlp: mlp, natureCNN: runNatureCNN())
    }

    /// The Nature-CNN actor-critic at each of `natureThreads` and `natureBatches`, forward
    /// alone and a training step; each case runs for about `seconds` after two warm-up calls.
    public static func runNatureCNN(seconds: Double = 1.0) -> [NatureCNNResult] {
        var random = SeededRandom(seed: 1)
        let savedThreads = KernelThreads.count
        defer { KernelThreads.count = savedThreads }
        var results: [NatureCNNResult] = []
        for threads in natureThreads {
            KernelThreads.count = threads
            for batch in natureBatches {
                results += natureCNN(batch: batch, threads: threads, seconds: seconds, random: &random)
            }
        }
        return results
    }

    /// Forward and training-step timings at one batch size.
    static func natureCNN(batch: Int, threads: Int, seconds: Double, random: inout SeededRandom) -> [NatureCNNResult] {
        let net = MultiHeadNetwork(trunk: Rescaled(by: 1 / 255, Sequential.natureCNN(random: &random))) {
            ("policy", Linear(512, 6, random: &random))
            ("value", Linear(512, 1, random: &random))
        }
        let optimizer = Adam(net.parameters, learningRate: 2.5e-4)
        let pixels = (0..<(batch * 4 * 84 * 84)).map { _ in Float(random.nextInt(below: 256)) }
        let obs = Tensor(shape: [batch, 4, 84, 84], scalars: pixels)
        let actions = Tensor((0..<batch).map { _ in Float(random.nextInt(below: 6)) })
        let advantages = Tensor((0..<batch).map { _ in Float(random.nextNormal()) })
        let returns = Tensor((0..<batch).map { _ in Float(random.nextNormal()) })
        let forward = timings(seconds: seconds) {
            _ = withoutGradient { net(obs)["policy"] }
        }
        let train = timings(seconds: seconds) {
            optimizer.zeroGradients()
            let out = net(obs)
            let dist = Categorical(logits: out["policy"])
            let policyLoss = -(dist.logProbability(of: actions) * advantages).mean()
            let valueLoss = (out["value"].squeezed(1) - returns).square().mean()
            let loss = policyLoss + 0.5 * valueLoss - 0.01 * dist.entropy().mean()
            loss.backward()
            optimizer.step()
        }
        return [("forward", forward), ("train", train)].map { mode, t in
            let median = t[t.count / 2]
            return NatureCNNResult(batch: batch, mode: mode, threads: threads, minMs: t[0] * 1e3,
                                   medianMs: median * 1e3, maxMs: t[t.count - 1] * 1e3,
                                   samplesPerS: Double(batch) / median)
        }
    }

    /// Sorted seconds of single calls of `body`: two warm-up calls, then calls until
    /// `seconds` have passed (at least 3, at most 200).
    static func timings(seconds: Double, _ body: () -> Void) -> [Double] {
        body()
        body()
        let clock = ContinuousClock()
        var times: [Double] = []
        let start = clock.now
        while times.count < 3 || (times.count < 200 && (clock.now - start).seconds < seconds) {
            times.append(clock.measure(body).seconds)
        }
        return times.sorted()
    }
}
