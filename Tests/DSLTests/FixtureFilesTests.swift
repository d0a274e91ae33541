import Testing

/// Loads every fixture file and checks its internal consistency. This tests the loader and
/// the generated files, not the DSL.
@Suite("FixtureFiles")
struct FixtureFilesTests {
    private func checkTensors(_ tensors: [FixtureTensor], _ caseName: String) {
        for t in tensors {
            #expect(t.data.count == t.count, "\(caseName): shape \(t.shape) but \(t.data.count) values")
            #expect(t.shape.allSatisfy { $0 >= 0 }, "\(caseName): negative dimension in \(t.shape)")
            #expect(t.dtype == nil || t.dtype == "int64" || t.dtype == "bool", "\(caseName): dtype \(t.dtype ?? "")")
            #expect(t.data.allSatisfy { $0.isFinite }, "\(caseName): non-finite value")
            if t.isInt { #expect(t.data.allSatisfy { $0 == $0.rounded() }, "\(caseName): non-integral int64") }
            if t.isBool { #expect(t.data.allSatisfy { $0 == 0 || $0 == 1 }, "\(caseName): bool not 0/1") }
        }
    }

    private func checkUnique(_ names: [String], _ file: String) {
        #expect(Set(names).count == names.count, "\(file): duplicate case names")
    }

    /// Shared checks for differentiable cases: one grad per input, grad shape = input shape,
    /// nil exactly for non-float inputs, upstream shaped like the output.
    private func checkDifferentiable(
        name: String, inputs: [FixtureTensor], output: FixtureTensor,
        upstream: FixtureTensor?, grads: [FixtureTensor?]
    ) {
        #expect(grads.count == inputs.count, "\(name): \(grads.count) grads for \(inputs.count) inputs")
        if let upstream {
            #expect(upstream.shape == output.shape, "\(name): upstream shape")
            for (x, g) in zip(inputs, grads) {
                if x.isFloat {
                    #expect(g?.shape == x.shape, "\(name): grad shape \(g?.shape ?? []) vs input \(x.shape)")
                } else {
                    #expect(g == nil, "\(name): grad for non-float input")
                }
            }
        } else {
            #expect(!output.isFloat, "\(name): float output without upstream")
            #expect(grads.allSatisfy { $0 == nil }, "\(name): grads without upstream")
        }
    }

    @Test func ops() throws {
        let file = try Fixtures.load("ops", as: FixtureFile<OpCase>.self)
        #expect(file.generator == "scripts/dsl_fixtures.py")
        #expect(file.versions["torch"] != nil)
        #expect(file.cases.count > 100)
        checkUnique(file.cases.map(\.name), "ops")
        for c in file.cases {
            checkTensors(c.allTensors, c.name)
            checkDifferentiable(name: c.name, inputs: c.inputs, output: c.output, upstream: c.upstream, grads: c.grads)
        }
        let ops = Set(file.cases.map(\.op))
        for op in ["neg", "exp", "log", "relu", "pow_scalar", "clamp", "add", "pow", "where", "sum", "var",
                   "logsumexp", "softmax", "log_softmax", "matmul", "bmm", "gather", "concat", "stack",
                   "slice", "transpose", "permute", "reshape"] {
            #expect(ops.contains(op), "ops.json lacks \(op)")
        }
        let matmul = try #require(file.cases.first { $0.name == "matmul_TN" })
        #expect(matmul.bool("transA") == true && matmul.bool("transB") == false)
        let reduce = try #require(file.cases.first { $0.name == "var_c1_axes02_keep" })
        #expect(reduce.ints("axes") == [0, 2] && reduce.bool("keepdims") == true && reduce.int("correction") == 1)
        let pow = try #require(file.cases.first { $0.name == "pow_scalar_2.5" })
        #expect(pow.double("exponent") == 2.5)
    }

    @Test func namedAxes() throws {
        let file = try Fixtures.load("named_axes.json", as: FixtureFile<NamedAxesCase>.self)
        #expect(file.versions["einx"] != nil)
        checkUnique(file.cases.map(\.name), "named_axes")
        for c in file.cases {
            checkTensors(c.allTensors, c.name)
            checkDifferentiable(name: c.name, inputs: c.inputs, output: c.output, upstream: c.upstream, grads: c.grads)
            #expect(!c.pattern.isEmpty)
        }
        let grpo = try #require(file.cases.first { $0.name == "grpo_rearrange" })
        #expect(grpo.op == "rearrange" && grpo.sizes == ["gen": 4] && grpo.output.shape == [3, 4, 5])
    }

    @Test func optimizers() throws {
        let file = try Fixtures.optimizers()
        checkUnique(file.cases.map(\.name) + file.clipGradNorm.map(\.name) + file.linearLR.map(\.name), "optimizers")
        #expect(Set(file.cases.map(\.optimizer)) == ["SGD", "Adam", "RMSprop"])
        for c in file.cases {
            checkTensors(c.allTensors, c.name)
            #expect(c.initial.map(\.shape) == [[3, 4], [4]], "\(c.name): parameter shapes")
            #expect(c.grads.count == 20 && c.trajectory.count == 20, "\(c.name): 20 steps")
            for step in c.grads + c.trajectory {
                #expect(step.map(\.shape) == c.initial.map(\.shape), "\(c.name): step shapes")
            }
            #expect(c.double("lr") != nil)
        }
        let adam = try #require(file.cases.first { $0.optimizer == "Adam" })
        #expect(adam.doubles("betas") == [0.9, 0.999])
        #expect(file.clipGradNorm.count >= 2)
        for c in file.clipGradNorm {
            checkTensors(c.allTensors, c.name)
            #expect(c.grads.map(\.shape) == c.clipped.map(\.shape))
            #expect(c.totalNorm > 0)
        }
        #expect(file.clipGradNorm.contains { $0.maxNorm < $0.totalNorm })
        #expect(file.clipGradNorm.contains { $0.maxNorm > $0.totalNorm })
        for c in file.linearLR {
            #expect(c.lrs.count == c.totalIters + 2, "\(c.name): lr count")
            #expect(c.lrs.last == 0)
        }
    }

    @Test func distributions() throws {
        let cases = try Fixtures.distributions()
        checkUnique(cases.map(\.name), "distributions")
        #expect(Set(cases.map(\.distribution)) == ["categorical", "diag_gaussian"])
        for c in cases {
            checkTensors(c.allTensors, c.name)
            #expect(c.upstreamLogProb.shape == c.logProb.shape && c.upstreamEntropy.shape == c.entropy.shape)
            for (key, g) in c.grads {
                #expect(c.inputs[key]?.shape == g.shape, "\(c.name): grad \(key) shape")
            }
            if c.distribution == "categorical" {
                #expect(c.inputs["actions"]?.isInt == true && c.grads["logits"] != nil)
            } else {
                #expect(c.grads["mean"] != nil && c.grads["log_std"] != nil)
            }
        }
    }

    @Test func mlp() throws {
        let file = try Fixtures.load("mlp", as: FixtureFile<MLPFixture>.self)
        checkUnique(file.cases.map(\.name), "mlp")
        let m = try Fixtures.mlp()
        checkTensors(m.allTensors, m.name)
        #expect(m.parameters.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(m.parameter("0.weight")?.shape == [64, 8])
        #expect(m.parameter("4.bias")?.shape == [4])
        #expect(m.input.shape == [16, 8] && m.output.shape == [16, 4] && m.upstream.shape == [16, 4])
        for p in m.parameters {
            #expect(m.grad(p.name)?.shape == p.value.shape)
            #expect(m.afterAdam(p.name)?.shape == p.value.shape)
        }
        #expect(m.adam["lr"]?.double == 1e-3)
    }

    @Test func conv() throws {
        let file = try Fixtures.conv()
        #expect(file.generator == "scripts/conv_fixtures.py")
        checkUnique((file.conv2d + file.maxPool2d).map(\.name), "conv")
        for c in file.conv2d + file.maxPool2d {
            checkTensors(c.allTensors, c.name)
            checkDifferentiable(name: c.name, inputs: c.inputs, output: c.output, upstream: c.upstream, grads: c.grads)
        }
        #expect(Set(file.conv2d.map(\.op)) == ["conv2d"] && Set(file.maxPool2d.map(\.op)) == ["max_pool2d"])
        let n = file.natureActorCritic
        checkTensors([n.actions, n.advantages, n.returns, n.logits, n.values], n.name)
        #expect(n.logits.shape == [2, 6] && n.values.shape == [2, 1] && n.observation.shape == [2, 4, 84, 84])
        #expect(n.grads.map(\.name) == n.parameters.map(\.name))
        for g in n.grads {
            #expect(g.indices.count == g.values.count && g.indices.allSatisfy { $0 >= 0 && $0 < g.shape.reduce(1, *) })
        }
    }

    @Test func offPolicy() throws {
        let file = try Fixtures.offPolicy()
        #expect(file.generator == "scripts/offpolicy_dsl_fixtures.py")
        #expect(file.versions["torch"] != nil)
        for c in file.squashedSample {
            checkTensors(c.allTensors, c.name)
            #expect([c.noise, c.actions, c.upstreamActions].allSatisfy { $0.shape == c.mean.shape }, "\(c.name): shapes")
            #expect(c.grads["mean"]?.shape == c.mean.shape && c.grads["log_std"]?.shape == c.logStd.shape)
        }
        for c in file.squashedLogProb {
            checkTensors(c.allTensors, c.name)
            #expect(c.actions.shape == c.mean.shape && c.actions.data.allSatisfy { Swift.abs($0) <= 1 })
            #expect(c.grads["mean"]?.shape == c.mean.shape && c.grads["log_std"]?.shape == c.logStd.shape)
        }
        for c in file.scan {
            checkTensors(c.allTensors, c.name)
            #expect(c.discounts.shape == c.x.shape && c.output.shape == c.x.shape && c.upstream.shape == c.x.shape)
            #expect(c.bootstrap.map { $0.shape == Array(c.x.shape.dropFirst()) } ?? true, "\(c.name): bootstrap shape")
            #expect(Set(c.grads.keys) == (c.bootstrap == nil ? ["x", "discounts"] : ["x", "discounts", "bootstrap"]))
        }
        for c in file.huber {
            checkTensors(c.allTensors, c.name)
            #expect(c.prediction.shape == c.target.shape && c.delta > 0 && c.loss.isFinite)
        }
        for c in file.polyak {
            checkTensors(c.allTensors, c.name)
            #expect(c.target.map(\.shape) == c.source.map(\.shape) && c.updated.map(\.shape) == c.target.map(\.shape))
            #expect(c.tau > 0 && c.tau <= 1 && c.steps >= 1)
        }
        checkUnique(file.squashedSample.map(\.name) + file.squashedLogProb.map(\.name) + file.scan.map(\.name)
                    + file.huber.map(\.name) + file.polyak.map(\.name), "offpolicy")
    }
}
