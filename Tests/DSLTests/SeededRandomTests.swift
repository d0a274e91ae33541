import Testing
@testable import DSL

@Suite("SeededRandom")
struct SeededRandomTests {
    @Test func equalSeedsGiveEqualStreams() {
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func differentSeedsDiffer() {
        var a = SeededRandom(seed: 1)
        var b = SeededRandom(seed: 2)
        #expect((0..<10).map { _ in a.next() } != (0..<10).map { _ in b.next() })
    }

    @Test func derivedStreamsAreIndependentAndDoNotAdvanceParent() {
        let parent = SeededRandom(seed: 7)
        var c0 = parent.derived(0)
        var c1 = parent.derived(1)
        var again = parent.derived(0)
        #expect(c0.next() == again.next())
        #expect(c0.next() != c1.next())
        var p1 = parent
        var p2 = SeededRandom(seed: 7)
        #expect(p1.next() == p2.next())
        #expect(parent.derived("env") == parent.derived("env"))
        #expect(parent.derived("env") != parent.derived("init"))
    }

    @Test func uniformsStayInRangeAndLookUniform() {
        var r = SeededRandom(seed: 3)
        var sum = 0.0
        let n = 20000
        for _ in 0..<n {
            let d = r.nextDouble()
            let f = r.nextFloat()
            #expect(d >= 0 && d < 1)
            #expect(f >= 0 && f < 1)
            sum += d
        }
        #expect(abs(sum / Double(n) - 0.5) < 0.01)
    }

    @Test func boundedIntegersCoverTheRange() {
        var r = SeededRandom(seed: 5)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<7000 { counts[r.nextInt(below: 7)] += 1 }
        #expect(counts.allSatisfy { $0 > 850 && $0 < 1150 })
        for _ in 0..<100 {
            let v = r.nextInt(in: -3..<4)
            #expect(v >= -3 && v < 4)
        }
    }

    @Test func normalsHaveUnitMoments() {
        var r = SeededRandom(seed: 11)
        let n = 20000
        let xs = (0..<n).map { _ in r.nextNormal() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func permutationIsAPermutation() {
        var r = SeededRandom(seed: 9)
        let p = r.permutation(50)
        #expect(p.sorted() == Array(0..<50))
        #expect(p != Array(0..<50))
    }

    @Test func stateWordsContinueTheStreamExactly() {
        var r = SeededRandom(seed: 42).derived("x")
        for _ in 0..<7 { _ = r.next() }
        var copy = SeededRandom(stateWords: r.stateWords)!
        #expect(copy == r)
        #expect((0..<5).map { _ in copy.next() } == (0..<5).map { _ in r.next() })
        #expect(copy.derived(3) == r.derived(3))
        #expect(SeededRandom(stateWords: [0, 0, 0, 0, 1]) == nil)
        #expect(SeededRandom(stateWords: [1, 2, 3]) == nil)
    }
}
