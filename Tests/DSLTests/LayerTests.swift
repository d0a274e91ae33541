import Testing
@testable import DSL

@Suite("Layers and network builders")
struct LayerTests {
    @Test func pytorchDefaultInitialisationIsUniformInTheFanInBound() {
        var random = SeededRandom(seed: 0)
        let layer = Linear(16, 200, random: &random)
        let bound: Float = 1 / 4
        let w = layer.weight.value.scalars
        #expect(w.allSatisfy { Swift.abs($0) <= bound })
        #expect(layer.bias!.value.scalars.allSatisfy { Swift.abs($0) <= bound })
        // Uniform on ±b has variance b²/3.
        let variance = w.map { $0 * $0 }.reduce(0, +) / Float(w.count)
        #expect(Swift.abs(variance - bound * bound / 3) < 0.002)
    }

    @Test(arguments: [(64, 8), (8, 64), (32, 32), (130, 140), (140, 130)])
    func orthogonalInitialisationIsOrthogonalTimesGain(rows: Int, columns: Int) {
        var random = SeededRandom(seed: 1)
        let gain = Float(2).squareRoot()
        let layer = Linear(columns, rows, initializer: .orthogonal(gain: gain, bias: 0.5), random: &random)
        let w = layer.weight.value
        // W Wᵀ = gain² I when rows ≤ columns; Wᵀ W = gain² I otherwise.
        let gram = rows <= columns ? Tensor.matmul(w, w, transposeB: true) : Tensor.matmul(w, w, transposeA: true)
        let n = min(rows, columns), g = gram.scalars
        var worst: Float = 0
        for i in 0..<n {
            for j in 0..<n { worst = max(worst, Swift.abs(g[i * n + j] - (i == j ? gain * gain : 0))) }
        }
        #expect(worst < 1e-4)
        #expect(layer.bias!.value.scalars.allSatisfy { $0 == 0.5 })
    }

    @Test func sequentialNamesParametersLikePyTorch() {
        var random = SeededRandom(seed: 0)
        let useThird = true
        let net = Sequential {
            Linear(4, 8, random: &random)
            ReLU()
            if useThird {
                Linear(8, 8, random: &random)
                Tanh()
            }
            Linear(8, 2, random: &random)
        }
        #expect(net.namedParameters.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(net.parameterCount == 4 * 8 + 8 + 64 + 8 + 16 + 2)
        #expect(net(Tensor.zeros([3, 4])).shape == [3, 2])
    }

    @Test func multiHeadNetworkSharesTheTrunk() {
        var random = SeededRandom(seed: 0)
        let net = MultiHeadNetwork(trunk: Sequential.mlp([4, 16], activation: .relu, random: &random)) {
            ("policy", Linear(16, 3, random: &random))
            ("value", Linear(16, 1, random: &random))
        }
        #expect(net.namedParameters.map(\.name) == ["trunk.0.weight", "trunk.0.bias", "heads.policy.weight",
                                                    "heads.policy.bias", "heads.value.weight", "heads.value.bias"])
        let out = net(Tensor.ones([5, 4]))
        #expect(out["policy"].shape == [5, 3])
        #expect(out["value"].shape == [5, 1])
        (out["policy"].sum() + out["value"].sum()).backward()
        #expect(net.parameters.allSatisfy { $0.gradient != nil })
    }

    @Test func sameSeedSameNetwork() {
        var r1 = SeededRandom(seed: 5), r2 = SeededRandom(seed: 5)
        let a = Sequential.mlp([3, 7, 2], activation: .tanh, random: &r1)
        let b = Sequential.mlp([3, 7, 2], activation: .tanh, random: &r2)
        #expect(a.parameters.map(\.value.scalars) == b.parameters.map(\.value.scalars))
    }

    @Test func stateDictionaryRejectsMismatches() {
        var random = SeededRandom(seed: 0)
        let net = Sequential.mlp([3, 4, 2], activation: .relu, random: &random)
        var state = net.stateDictionary()
        state["2.bias"] = Tensor.zeros([3])
        #expect(throws: ParameterLoadingError.self) { try net.loadStateDictionary(state) }
        state = net.stateDictionary()
        state["9.weight"] = Tensor.zeros([1])
        #expect(throws: ParameterLoadingError.self) { try net.loadStateDictionary(state) }
        state = net.stateDictionary()
        state.removeValue(forKey: "0.weight")
        #expect(throws: ParameterLoadingError.self) { try net.loadStateDictionary(state) }
    }

    @Test func lossBuilderWeighsTermsAndReportsEach() {
        let p = Parameter(Tensor([1, 2, 3]))
        let includeEntropy = true
        let loss = Loss {
            LossTerm("policy", p.tensor.sum())
            LossTerm("value", p.tensor.square().mean(), weight: 0.5)
            if includeEntropy {
                LossTerm("entropy", p.tensor.mean(), weight: -0.01)
            }
        }
        #expect(loss.values.map(\.name) == ["policy", "value", "entropy"])
        #expect(loss["policy"] == 6)
        #expect(Swift.abs(loss["value"]! - 14.0 / 3) < 1e-6)
        #expect(Swift.abs(loss.total.item - (6 + 0.5 * 14.0 / 3 - 0.01 * 2)) < 1e-5)
        loss.total.backward()
        // d/dp: 1 + 0.5·2p/3 − 0.01/3
        let expected = [1, 2, 3].map { 1 + Float($0) / 3 - 0.01 / 3 }
        #expect(toleranceViolation(p.gradient!.scalars, expected) == nil)
    }

    @Test func withoutGradientRecordsNothing() {
        let p = Parameter(Tensor([1, 2]))
        let y = withoutGradient { (p.tensor * p.tensor).sum() }
        #expect(!y.requiresGradient)
        let z = (p.tensor * p.tensor).sum()
        #expect(z.requiresGradient)
    }

    @Test func gradientsAccumulateUntilCleared() {
        let p = Parameter(Tensor([1, 2]))
        (p.tensor * 3).sum().backward()
        (p.tensor * 2).sum().backward()
        #expect(p.gradient?.scalars == [5, 5])
        p.zeroGradient()
        #expect(p.gradient == nil)
    }
}
