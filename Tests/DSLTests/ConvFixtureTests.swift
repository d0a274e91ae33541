import Testing
@testable import DSL

/// Convolution and max pooling reproduce PyTorch's outputs and gradients
/// (Fixtures/conv.json from scripts/conv_fixtures.py).
@Suite("Convolution matches PyTorch")
struct ConvFixtureTests {
    static func size(_ c: OpCase, _ key: String) -> Size2D? {
        guard let v = c.ints(key), v.count == 2 else { return nil }
        return Size2D(v[0], v[1])
    }

    @Test func conv2dCases() throws {
        let cases = try Fixtures.conv().conv2d
        #expect(cases.count >= 8)
        for c in cases {
            let stride = try #require(Self.size(c, "stride")), padding = try #require(Self.size(c, "padding"))
            let dilation = try #require(Self.size(c, "dilation"))
            checkFixture(c.name, inputs: c.inputs, output: c.output, upstream: c.upstream, grads: c.grads,
                         outputAtol: 1e-5) { t in
                t[0].conv2d(weight: t[1], bias: t.count > 2 ? t[2] : nil, stride: stride, padding: padding,
                            dilation: dilation)
            }
        }
    }

    @Test func maxPool2dCases() throws {
        let cases = try Fixtures.conv().maxPool2d
        #expect(cases.contains { $0.name.contains("ties") })
        for c in cases {
            let kernel = try #require(Self.size(c, "kernel")), stride = try #require(Self.size(c, "stride"))
            let padding = try #require(Self.size(c, "padding"))
            checkFixture(c.name, inputs: c.inputs, output: c.output, upstream: c.upstream, grads: c.grads) { t in
                t[0].maxPool2d(kernel: kernel, stride: stride, padding: padding)
            }
        }
    }
}
