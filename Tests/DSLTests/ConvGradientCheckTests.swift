import Testing
@testable import DSL

/// Central finite differences against reverse-mode gradients for convolution and max
/// pooling over strides, paddings, dilations and rectangular windows.
@Suite("Finite-difference gradient checks: convolution")
struct ConvGradientCheckTests {
    typealias G = GradientCheckTests

    @Test func conv2dGradients() {
        let configs: [(x: [Int], w: [Int], stride: Size2D, padding: Size2D, dilation: Size2D)] = [
            ([2, 2, 5, 5], [3, 2, 3, 3], 1, 0, 1),
            ([1, 3, 6, 6], [2, 3, 3, 3], 2, 1, 1),
            ([1, 2, 7, 6], [2, 2, 2, 3], Size2D(2, 1), Size2D(1, 2), Size2D(2, 1)),
            ([2, 1, 9, 9], [2, 1, 4, 4], 4, 0, 1),
        ]
        for (i, c) in configs.enumerated() {
            let x = G.random(c.x, seed: UInt64(100 + i)), w = G.random(c.w, seed: UInt64(200 + i), scale: 0.5)
            let b = G.random([c.w[0]], seed: UInt64(300 + i))
            G.check("conv2d \(i)", [x, w, b], h: 1e-2, rtol: 1e-2, atol: 2e-3) {
                $0[0].conv2d(weight: $0[1], bias: $0[2], stride: c.stride, padding: c.padding, dilation: c.dilation)
            }
        }
    }

    @Test func fusedReLU() {
        let x = G.random([1, 2, 5, 5], seed: 120), w = G.random([3, 2, 3, 3], seed: 220, scale: 0.5)
        let b = G.random([3], seed: 320)
        // Keep pre-activations away from the kink at 0.
        let pre = x.conv2d(weight: w, bias: b, padding: 1).scalars
        #expect(pre.allSatisfy { Swift.abs($0) > 0.005 }, "inputs too close to the kink")
        #expect(pre.contains { $0 < 0 } && pre.contains { $0 > 0 })
        G.check("conv2d relu", [x, w, b], h: 1e-3) { $0[0].conv2d(weight: $0[1], bias: $0[2], padding: 1, relu: true) }
        let fused = x.conv2d(weight: w, bias: b, padding: 1, relu: true).scalars
        #expect(fused == pre.map { $0 > 0 ? $0 : 0 })
    }

    @Test func scaledInput() {
        let x = G.random([1, 2, 5, 5], seed: 110), w = G.random([2, 2, 3, 3], seed: 210, scale: 0.5)
        G.check("conv2d inputScale", [x, w]) { $0[0].conv2d(weight: $0[1], padding: 1, inputScale: 0.25) }
        let plain = x.conv2d(weight: w, stride: 2, inputScale: 0.25)
        let scaled = (x * Tensor(0.25)).conv2d(weight: w, stride: 2)
        #expect(toleranceViolation(plain.scalars, scaled.scalars) == nil)
    }

    @Test func maxPool2dGradients() {
        // Distinct values 0.1 apart: perturbations of 1e-2 never change a window's maximum.
        let x = G.distinct([2, 2, 6, 7], seed: 400)
        G.check("maxPool2d k2", [x]) { $0[0].maxPool2d(kernel: 2) }
        G.check("maxPool2d k3 s2 p1", [x]) { $0[0].maxPool2d(kernel: 3, stride: 2, padding: 1) }
        G.check("maxPool2d k(2,3) s1", [x]) { $0[0].maxPool2d(kernel: Size2D(2, 3), stride: 1) }
        G.check("flatten", [x]) { $0[0].flattened(fromAxis: 1) }
    }
}
