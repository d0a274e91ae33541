import Testing
@testable import Physics2D

@Suite("Contacts against edge terrain: parity with pybox2d")
struct ContactParityTests {
    // The fixture stores 9 significant digits; with the same float32 operation order the
    // engines agree to that rounding, so 1e-5 (relative + absolute) leaves a wide margin
    // while still catching any order-of-operations difference within a few steps.
    @Test("four bodies falling onto edges agree to 1e-5 for all 200 steps")
    func boxesOnEdges() throws {
        let s = try SceneFixture.load("physics2d_boxes_on_edges")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
    }

    @Test("begin/end contact events match step by step, in Box2D's order")
    func events() throws {
        let s = try SceneFixture.load("physics2d_boxes_on_edges")
        #expect(!s.events.isEmpty)
        let r = try runScene(s)
        #expect(r.events == s.eventStrings)
    }

    @Test("awake flags match every step, including the steps bodies fall asleep")
    func awakeFlags() throws {
        let s = try SceneFixture.load("physics2d_boxes_on_edges")
        let r = try runScene(s)
        var mismatches = 0
        for k in 0..<s.steps {
            for (bi, ref) in s.states[k].enumerated() where Float(ref![6]) != r.states[k][bi]![6] { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(r.sleepStep == s.sleepStep)
    }
}
