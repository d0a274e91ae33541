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

    /// Forward time of one layer of the Nature-CNN trunk (with its ReLU, as `Sequential`
    /// runs it), the fastest of its calls: where the network's forward time goes.
    public struct NatureCNNLayerResult: Codable, Sendable {
        public let layer: String
        public let batch: Int
        public let threads: Int
        public let minMs: Double
        public let gflops: Double

        enum CodingKeys: String, CodingKey {
            case layer, batch, threads, gflops
            case minMs = "min_ms"
        }
    }

    /// Everything the benchmark measures.
    public struct Report: Codable, Sendable {
        public let gemmKernel: String
        public let gemm: [GEMMResult]
        public let mlp: [MLPResult]
        public let natureCNN: [NatureCNNResult]
        public let natureCNNLayers: [NatureCNNLayerResult]

        enum CodingKeys: String, CodingKey {
            case gemmKernel = "gemm_kernel"
            case gemm, mlp
            case natureCNN = "nature_cnn"
            case natureCNNLayers = "nature_cnn_layers"
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
        return Report(gemmKernel: GEMMKernel.name, gemm: gemm, mlp: mlp, natureCNN: runNatureCNN(),
                      natureCNNLayers: runNatureCNNLayers())
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

    /// The trunk's layers one by one at each of `natureThreads` and `natureBatches`, forward
    /// without gradients; each case runs for about `seconds` after two warm-up calls.
    public static func runNatureCNNLayers(seconds: Double = 0.3) -> [NatureCNNLayerResult] {
        var random = SeededRandom(seed: 2)
        let savedThreads = KernelThreads.count
        defer { KernelThreads.count = savedThreads }
        var results: [NatureCNNLayerResult] = []
        for threads in natureThreads {
            KernelThreads.count = threads
            for batch in natureBatches {
                results += natureCNNLayers(batch: batch, threads: threads, seconds: seconds, random: &random)
            }
        }
        return results
    }

    /// Each trunk layer's forward time at one batch size.
    static func natureCNNLayers(batch: Int, threads: Int, seconds: Double, random: inout SeededRandom) -> [NatureCNNLayerResult] {
        func uniform(_ shape: [Int], _ high: Double) -> Tensor {
            Tensor(shape: shape, scalars: (0..<Shape.count(shape)).map { _ in Float(random.uniform(0, high)) })
        }
        let c1 = Conv2d(4, 32, kernel: 8, stride: 4, random: &random)
        let c2 = Conv2d(32, 64, kernel: 4, stride: 2, random: &random)
        let c3 = Conv2d(64, 64, kernel: 3, stride: 1, random: &random)
        let fc = Linear(3136, 512, random: &random)
        let pixels = uniform([batch, 4, 84, 84], 255), x2 = uniform([batch, 32, 20, 20], 1)
        let x3 = uniform([batch, 64, 9, 9], 1), x4 = uniform([batch, 3136], 1)
        let layers: [(String, Double, () -> Tensor)] = [
            ("conv1 8x8/4 4->32", 6_553_600, { c1(pixels, inputScale: 1 / 255, relu: true) }),
            ("conv2 4x4/2 32->64", 5_308_416, { c2(x2, inputScale: 1, relu: true) }),
            ("conv3 3x3/1 64->64", 3_612_672, { c3(x3, inputScale: 1, relu: true) }),
            ("linear 3136->512", 3_211_264, { fc(x4).relu() }),
        ]
        return layers.map { name, flopsPerSample, body in
            let best = timings(seconds: seconds) { _ = withoutGradient(body) }[0]
            return NatureCNNLayerResult(layer: name, batch: batch, threads: threads, minMs: best * 1e3,
                                        gflops: flopsPerSample * Double(batch) / best / 1e9)
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
