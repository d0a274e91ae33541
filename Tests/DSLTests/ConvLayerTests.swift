import Testing
@testable import DSL

/// Conv2d, MaxPool2d, Flatten and Rescaled as layers: names, shapes, initialisation and
/// composition in `Sequential` and `MultiHeadNetwork`.
@Suite("Convolutional layers")
struct ConvLayerTests {
    @Test func conv2dShapesNamesAndDefaultInit() {
        var random = SeededRandom(seed: 1)
        let conv = Conv2d(3, 8, kernel: Size2D(5, 3), stride: 2, padding: 1, random: &random)
        #expect(conv.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(conv.weight.shape == [8, 3, 5, 3] && conv.bias?.shape == [8])
        let bound = 1 / Float(3 * 5 * 3).squareRoot()
        #expect(conv.weight.value.scalars.allSatisfy { Swift.abs($0) <= bound })
        #expect(conv.bias?.value.scalars.allSatisfy { Swift.abs($0) <= bound } == true)
        #expect(conv.weight.value.scalars.max()! > bound * 0.9)
        let y = conv(Tensor.zeros([2, 3, 11, 10]))
        #expect(y.shape == [2, 8, 5, 5])
        #expect(conv.outputSize(for: Size2D(11, 10)) == Size2D(5, 5))
        let noBias = Conv2d(3, 4, kernel: 1, bias: false, random: &random)
        #expect(noBias.namedParameters.map(\.name) == ["weight"])
    }

    @Test func orthogonalInitHasOrthonormalRows() {
        var random = SeededRandom(seed: 2)
        let conv = Conv2d(2, 4, kernel: 3, initializer: .orthogonal(gain: 2, bias: 0.5), random: &random)
        let w = conv.weight.value.reshaped([4, 18]).scalars
        for i in 0..<4 {
            for j in 0..<4 {
                let d = (0..<18).reduce(Float(0)) { $0 + w[i * 18 + $1] * w[j * 18 + $1] }
                #expect(Swift.abs(d - (i == j ? 4 : 0)) < 1e-4)
            }
        }
        #expect(conv.bias?.value.scalars == [0.5, 0.5, 0.5, 0.5])
    }

    @Test func natureCNNTrunkNamesAndShapes() {
        var random = SeededRandom(seed: 3)
        let trunk = Sequential.natureCNN(inputChannels: 4, inputSize: 84, features: 512, random: &random)
        #expect(trunk.namedParameters.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias",
                                                      "7.weight", "7.bias"])
        #expect(trunk.namedParameters.first { $0.name == "7.weight" }?.parameter.shape == [512, 3136])
        let small = Sequential.natureCNN(inputChannels: 1, inputSize: Size2D(36, 44), features: 16, random: &random)
        let y = Rescaled(by: 1 / 255, small)(Tensor(repeating: 128, shape: [3, 1, 36, 44]))
        #expect(y.shape == [3, 16])
        #expect(y.scalars.allSatisfy { $0 >= 0 })
    }

    @Test func poolingAndFlattenInSequential() {
        var random = SeededRandom(seed: 4)
        let net = Sequential {
            Conv2d(1, 2, kernel: 3, padding: 1, random: &random)
            ReLU()
            MaxPool2d(kernel: 2)
            Flatten()
            Linear(2 * 3 * 4, 5, random: &random)
        }
        #expect(net.namedParameters.map(\.name) == ["0.weight", "0.bias", "4.weight", "4.bias"])
        #expect(net(Tensor.zeros([7, 1, 6, 8])).shape == [7, 5])
        #expect(Flatten(startAxis: 2)(Tensor.zeros([2, 3, 4, 5])).shape == [2, 3, 20])
    }

    @Test func rescaledKeepsNamesAndScales() {
        var random = SeededRandom(seed: 5)
        let inner = Linear(2, 1, bias: false, random: &random)
        let net = MultiHeadNetwork(trunk: Rescaled(by: 0.5, inner)) {
            ("value", Linear(1, 1, random: &random))
        }
        #expect(net.namedParameters.map(\.name) == ["trunk.weight", "heads.value.weight", "heads.value.bias"])
        let w = inner.weight.value.scalars
        let y = Rescaled(by: 0.5, inner)(Tensor(shape: [1, 2], scalars: [2, 4]))
        #expect(Swift.abs(y.item - (w[0] + 2 * w[1])) < 1e-6)
    }

    /// Rescaled folds its factor into a leading convolution; values and gradients are those
    /// of scaling the input first.
    @Test func rescaledFusesIntoLeadingConvolution() {
        var random = SeededRandom(seed: 12)
        let net = Sequential {
            Conv2d(2, 3, kernel: 3, random: &random)
            ReLU()
            Flatten()
        }
        let x = GradientCheckTests.random([2, 2, 6, 6], seed: 13, scale: 200)
        let fused = Rescaled(by: 1 / 255, net)(x)
        fused.sum().backward()
        let fusedGrad = net.parameters.map { $0.gradient!.scalars }
        net.parameters.forEach { $0.zeroGradient() }
        let plain = net(x * Tensor(1 / 255))
        plain.sum().backward()
        #expect(toleranceViolation(fused.scalars, plain.scalars, rtol: 1e-5, atol: 1e-6) == nil)
        for (f, p) in zip(fusedGrad, net.parameters.map { $0.gradient!.scalars }) {
            #expect(toleranceViolation(f, p, rtol: 1e-4, atol: 1e-5) == nil)
        }
    }

    /// A `Sequential` runs Conv2d + ReLU as one fused kernel; values and gradients are
    /// bitwise those of running the layers one by one.
    @Test func fusedConvReLUMatchesLayerByLayer() {
        var random = SeededRandom(seed: 14)
        let net = Sequential {
            Conv2d(3, 4, kernel: 3, padding: 1, random: &random)
            ReLU()
            Conv2d(4, 5, kernel: 2, stride: 2, random: &random)
            ReLU()
            Flatten()
        }
        let x = Parameter(GradientCheckTests.random([2, 3, 8, 7], seed: 15))
        let fused = net(x.tensor)
        (fused * GradientCheckTests.random(fused.shape, seed: 16)).sum().backward()
        let fusedGrads = (net.parameters + [x]).map { $0.gradient!.scalars }
        (net.parameters + [x]).forEach { $0.zeroGradient() }
        let plain = net.layers.reduce(x.tensor) { h, layer in
            if let conv = layer as? Conv2d {
                return h.conv2d(weight: conv.weight.tensor, bias: conv.bias?.tensor, stride: conv.stride,
                                padding: conv.padding)
            }
            return layer(h)
        }
        (plain * GradientCheckTests.random(plain.shape, seed: 16)).sum().backward()
        #expect(fused.scalars == plain.scalars)
        #expect(fusedGrads == (net.parameters + [x]).map { $0.gradient!.scalars })
        #expect(fused.scalars.contains(0) && fused.scalars.contains { $0 > 0 })
    }

    /// Batches big enough to be cut into several chunks give, image by image, what each
    /// image gives alone — values and every gradient.
    @Test func chunkedBatchesMatchSingleImages() {
        var random = SeededRandom(seed: 6)
        let conv = Conv2d(6, 4, kernel: 5, padding: 2, random: &random)   // 40×40: one image per chunk
        let x = GradientCheckTests.random([3, 6, 40, 40], seed: 7)
        let p = Parameter(x)
        let y = conv(p.tensor)
        (y * y).sum().backward()
        let batchGradW = conv.weight.gradient!.scalars, batchGradX = p.gradient!.scalars
        conv.weight.zeroGradient()
        conv.bias?.zeroGradient()
        let per = 6 * 40 * 40
        var sumGradW = [Float](repeating: 0, count: batchGradW.count)
        for b in 0..<3 {
            let xi = Parameter(Tensor(shape: [1, 6, 40, 40], scalars: Array(x.scalars[(b * per)..<((b + 1) * per)])))
            let yi = conv(xi.tensor)
            #expect(toleranceViolation(yi.scalars, Array(y.scalars[(b * yi.count)..<((b + 1) * yi.count)])) == nil)
            (yi * yi).sum().backward()
            #expect(toleranceViolation(xi.gradient!.scalars, Array(batchGradX[(b * per)..<((b + 1) * per)]),
                                       rtol: 1e-5, atol: 1e-5) == nil)
            for (k, v) in conv.weight.gradient!.scalars.enumerated() { sumGradW[k] += v }
            conv.weight.zeroGradient()
        }
        #expect(toleranceViolation(batchGradW, sumGradW, rtol: 1e-4, atol: 1e-3) == nil)
    }
}
