import Testing
@testable import DSL

/// `concurrently` and the two-part backpropagation of `OptimizerGroup` give the bits of
/// doing the same work in sequence, and keep the caller's gradient mode.
@Suite("Concurrent parts", .serialized)
struct ConcurrentlyTests {
    /// Two separate two-layer networks' losses on one input, built and differentiated by
    /// `OptimizerGroup.backpropagate` with `threads` kernel threads; returns both losses and
    /// every gradient.
    static func run(threads: Int, shareInput: Bool) -> [[Float]] {
        let saved = KernelThreads.count
        defer { KernelThreads.count = saved }
        KernelThreads.count = threads
        var random = SeededRandom(seed: 3)
        let actor = Sequential { Linear(6, 32, random: &random); Tanh(); Linear(32, 3, random: &random) }
        let critic = Sequential { Linear(6, 32, random: &random); Tanh(); Linear(32, 1, random: &random) }
        let input = GradientCheckTests.random([40, 6], seed: 4)
        // A shared trainable input joins the two graphs: the backward must then run in turn.
        let shared = Parameter(input)
        let x = shareInput ? shared.tensor : input
        let group = OptimizerGroup([Adam(actor.parameters, learningRate: 0.01),
                                    Adam(critic.parameters + (shareInput ? [shared] : []), learningRate: 0.01)])
        let (a, c) = group.backpropagate(reading: [x], {
            let loss = actor(x).logSoftmax(axis: 1).mean() * -1
            return (loss, loss)
        }, {
            let loss = critic(x).square().mean()
            return (loss, loss)
        })
        var results = [a.scalars, c.scalars]
        for p in actor.parameters + critic.parameters { results.append(p.gradient!.scalars) }
        if shareInput { results.append(shared.gradient!.scalars) }
        return results
    }

    @Test(arguments: [false, true])
    func twoThreadsGiveTheSequentialBits(shareInput: Bool) {
        let one = Self.run(threads: 1, shareInput: shareInput)
        let two = Self.run(threads: 2, shareInput: shareInput)
        #expect(one.count == two.count)
        for i in one.indices { #expect(one[i] == two[i], "result \(i) differs") }
    }

    @Test func bothPartsKeepTheCallersGradientMode() {
        let saved = KernelThreads.count
        defer { KernelThreads.count = saved }
        KernelThreads.count = 2
        let w = Parameter(GradientCheckTests.random([4, 4], seed: 5))
        let (recorded, alsoRecorded) = concurrently({ w.tensor * 2 }, { w.tensor + 1 })
        #expect(recorded.requiresGradient && alsoRecorded.requiresGradient)
        let (off, alsoOff) = withoutGradient { concurrently({ w.tensor * 2 }, { w.tensor + 1 }) }
        #expect(!off.requiresGradient && !alsoOff.requiresGradient)
    }
}
