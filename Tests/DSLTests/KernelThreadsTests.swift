import Testing
@testable import DSL

/// Splitting the large kernels over threads changes no bit of any result.
@Suite("Kernel threads")
struct KernelThreadsTests {
    /// Output, input, weight and bias gradients of a convolution big enough to be split
    /// (several chunks of images, several channel groups), and a large matrix product.
    static func results() -> [[Float]] {
        var random = SeededRandom(seed: 8)
        let conv = Conv2d(32, 24, kernel: 3, stride: 1, padding: 1, random: &random)
        let x = Parameter(GradientCheckTests.random([6, 32, 24, 24], seed: 9))
        let y = conv(x.tensor, inputScale: 0.5)
        (y * y).sum().backward()
        // 7×7 outputs: positions not a multiple of the GEMM tile, several images per chunk.
        let conv7 = Conv2d(40, 32, kernel: 3, stride: 2, random: &random)
        let x7 = Parameter(GradientCheckTests.random([40, 40, 15, 15], seed: 12))
        let y7 = conv7(x7.tensor)
        (y7 * y7).sum().backward()
        let a = Parameter(GradientCheckTests.random([200, 150], seed: 10))
        let b = GradientCheckTests.random([150, 130], seed: 11)
        let c = Tensor.matmul(a.tensor, b)
        c.sum().backward()
        return [y.scalars, x.gradient!.scalars, conv.weight.gradient!.scalars, conv.bias!.gradient!.scalars,
                y7.scalars, x7.gradient!.scalars, conv7.weight.gradient!.scalars, c.scalars, a.gradient!.scalars]
    }

    @Test func resultsAreBitwiseTheSameForAnyThreadCount() {
        let saved = KernelThreads.count
        defer { KernelThreads.count = saved }
        KernelThreads.count = 1
        let one = Self.results()
        KernelThreads.count = 2
        #expect(KernelThreads.count == 2)
        let two = Self.results()
        KernelThreads.count = 3
        let three = Self.results()
        for i in one.indices {
            #expect(one[i] == two[i], "result \(i) differs between 1 and 2 threads")
            #expect(one[i] == three[i], "result \(i) differs between 1 and 3 threads")
        }
        KernelThreads.count = 0
        #expect(KernelThreads.count == 1)
    }
}
