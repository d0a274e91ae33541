import DSL

/// The DSL's committed benchmark: GEMM throughput and one training step of a small MLP,
/// the two figures compared with PyTorch by `scripts/bench_dsl_vs_torch.py`.
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

    /// Everything the benchmark measures.
    public struct Report: Codable, Sendable {
        public let gemmKernel: String
        public let gemm: [GEMMResult]
        public let mlp: [MLPResult]

        enum CodingKeys: String, CodingKey {
            case gemmKernel = "gemm_kernel"
            case gemm, mlp
        }
    }

    /// The sizes of the comparison.
    public static let gemmSizes = [(64, 64, 64), (512, 64, 64), (256, 256, 256)]
    public static let mlpBatches = [64, 1024]

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
        return Report(gemmKernel: GEMMKernel.name, gemm: gemm, mlp: mlp)
    }
}
