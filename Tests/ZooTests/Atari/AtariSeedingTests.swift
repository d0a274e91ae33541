import Testing
@testable import ZooEnvironments

/// NumPy's `SeedSequence` and `PCG64` against values NumPy printed
/// (`np.random.SeedSequence(s).generate_state(2)`, `np.random.default_rng(s)`).
@Suite("NumPy seeding for Atari")
struct AtariSeedingTests {
    @Test func seedSequenceWords() {
        #expect(NumPySeedSequence(entropy: 0).generateState(2) == [2_968_811_710, 3_677_149_159])
        #expect(NumPySeedSequence(entropy: 42).generateState(2) == [3_444_837_047, 2_669_555_309])
        #expect(NumPySeedSequence(entropy: 1 << 40 + 5).generateState(2) == [3_767_146_251, 3_672_381_269])
        #expect(NumPySeedSequence(entropy: 1).generateState64(2) == [7_434_755_675_892_716_031, 10_007_452_063_617_845_036])
        // Gymnasium's Atari environment: word 0 seeds np_random, word 1 is ALE's random_seed.
        #expect(NumPySeedSequence(entropy: 7).generateState(2) == [2_083_679_832, 3_939_563_265])
    }

    @Test func pcg64StateAndDraws() {
        var rng = NumPyPCG64(seed: 7)
        #expect(rng.state == UInt128("208745520555909116978795849195383758904"))
        #expect(rng.increment == UInt128("261136684632268670825940853076396136793"))
        #expect(rng.next64() == 0xA006_41A9_F1E5_4A8B)
        #expect(rng.next64() == 0xE5AF_CDBC_AF26_6A95)
        var draws = NumPyPCG64(seed: 7)
        #expect((0..<8).map { _ in draws.integer(1, 31) } == [29, 19, 21, 27, 18, 24, 26, 7])
        // The np_random of ALE/Pong-v5 after reset(seed: 7).
        var env = NumPyPCG64(seed: 2_083_679_832)
        #expect((0..<3).map { _ in env.integer(1, 31) } == [14, 17, 29])
    }
}
