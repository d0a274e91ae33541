import Testing
@testable import DSL

/// SGD, Adam and RMSprop follow torch.optim's trajectories over 20 steps with fixed
/// gradients; clipping and the linear schedule follow PyTorch's utilities.
@Suite("Optimisers match torch.optim")
struct OptimizerFixtureTests {
    static func make(_ c: OptimizerCase, _ params: [Parameter]) -> any Optimizer {
        let lr = Float(c.double("lr")!)
        let wd = Float(c.double("weight_decay") ?? 0)
        switch c.optimizer {
        case "SGD":
            return SGD(params, learningRate: lr, momentum: Float(c.double("momentum")!),
                       dampening: Float(c.double("dampening")!), nesterov: c.bool("nesterov")!, weightDecay: wd)
        case "Adam":
            let betas = c.doubles("betas")!
            return Adam(params, learningRate: lr, beta1: Float(betas[0]), beta2: Float(betas[1]),
                        epsilon: Float(c.double("eps")!), weightDecay: wd)
        default:
            return RMSprop(params, learningRate: lr, alpha: Float(c.double("alpha")!), epsilon: Float(c.double("eps")!),
                           momentum: Float(c.double("momentum")!), centered: c.bool("centered")!, weightDecay: wd)
        }
    }

    @Test func trajectoriesOverTwentySteps() throws {
        let file = try Fixtures.optimizers()
        #expect(file.cases.count >= 16)
        for c in file.cases {
            let params = c.initial.map { Parameter($0.tensor) }
            let optimizer = Self.make(c, params)
            for (t, grads) in c.grads.enumerated() {
                for (p, g) in zip(params, grads) { p.gradient = g.tensor }
                optimizer.step()
                for (k, p) in params.enumerated() {
                    expectClose(p.value, c.trajectory[t][k], "\(c.name) step \(t + 1) parameter \(k)")
                }
            }
        }
    }

    @Test func stateRoundTripContinuesIdentically() throws {
        let c = try #require(try Fixtures.optimizers().cases.first { $0.optimizer == "Adam" })
        let a = c.initial.map { Parameter($0.tensor) }, b = c.initial.map { Parameter($0.tensor) }
        let first = Self.make(c, a), second = Self.make(c, b)
        for t in 0..<10 {
            for (p, g) in zip(a, c.grads[t]) { p.gradient = g.tensor }
            first.step()
        }
        for (p, q) in zip(a, b) { q.assign(p.value.scalars) }
        try second.importState(first.exportState())
        for t in 10..<20 {
            for (p, g) in zip(a, c.grads[t]) { p.gradient = g.tensor }
            for (p, g) in zip(b, c.grads[t]) { p.gradient = g.tensor }
            first.step()
            second.step()
        }
        for (p, q) in zip(a, b) { #expect(p.value.scalars == q.value.scalars) }
    }

    @Test func weightDecayLeavesTheStoredGradientAlone() {
        let p = Parameter(Tensor([1, 2]))
        p.gradient = Tensor([0.5, 0.5])
        SGD([p], learningRate: 0.1, weightDecay: 0.1).step()
        #expect(p.gradient?.scalars == [0.5, 0.5])
    }

    @Test func clipGradientNormMatchesPyTorch() throws {
        let file = try Fixtures.optimizers()
        #expect(!file.clipGradNorm.isEmpty)
        for c in file.clipGradNorm {
            let params = c.grads.map { Parameter(Tensor.zeros($0.shape)) }
            for (p, g) in zip(params, c.grads) { p.gradient = g.tensor }
            let total = clipGradientNorm(params, maxNorm: Float(c.maxNorm))
            #expect(Swift.abs(Double(total) - c.totalNorm) <= 1e-5 * c.totalNorm, "\(c.name) total norm")
            for (p, expected) in zip(params, c.clipped) { expectClose(p.gradient!, expected, c.name) }
        }
    }

    @Test func linearScheduleMatchesLinearLR() throws {
        let file = try Fixtures.optimizers()
        for c in file.linearLR {
            let schedule = LearningRateSchedule.linear(steps: c.totalIters, endFactor: Float(c.endFactor))
            #expect(Swift.abs(schedule.rate(initial: Float(c.baseLR), step: 0) - Float(c.initialLR)) < 1e-7)
            for (k, lr) in c.lrs.enumerated() {
                #expect(Swift.abs(Double(schedule.rate(initial: Float(c.baseLR), step: k + 1)) - lr) < 1e-7,
                        "\(c.name) after \(k + 1) steps")
            }
        }
    }
}

/// RMSprop's vectorised C loop gives exactly the bits of torch's update order written as a
/// plain scalar loop, in the vector body and the tail, for every variant.
@Suite("RMSprop's loop")
struct RMSpropLoopTests {
    @Test(arguments: [(false, Float(0)), (false, Float(0.9)), (true, Float(0)), (true, Float(0.5))])
    func matchesTheScalarOrder(centered: Bool, momentum: Float) {
        let n = 8 * 5 + 5
        let initial = GradientCheckTests.random([n], seed: 21)
        let p = Parameter(initial)
        let optimizer = RMSprop([p], learningRate: 0.01, alpha: 0.99, epsilon: 1e-5, momentum: momentum, centered: centered)
        var w = initial.scalars, sq = [Float](repeating: 0, count: n), ga = sq, b = sq
        let keep: Float = 1 - 0.99
        for t in 0..<5 {
            let g = GradientCheckTests.random([n], seed: 30 + UInt64(t))
            p.gradient = g
            optimizer.step()
            for j in 0..<n {
                let gj = g.scalars[j]
                sq[j] = sq[j] * 0.99 + keep * gj * gj
                var average: Float
                if centered {
                    ga[j] = ga[j] + keep * (gj - ga[j])
                    average = (sq[j] + -1 * ga[j] * ga[j]).squareRoot()
                } else {
                    average = sq[j].squareRoot()
                }
                average += 1e-5
                if momentum > 0 {
                    b[j] = b[j] * momentum + gj / average
                    w[j] = w[j] + -0.01 * b[j]
                } else {
                    w[j] = w[j] + -0.01 * (gj / average)
                }
            }
            #expect(p.value.scalars == w, "step \(t + 1)")
        }
    }
}
