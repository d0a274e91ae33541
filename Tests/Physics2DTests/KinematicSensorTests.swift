import Testing
@testable import Physics2D

@Suite("Kinematic bodies and sensors: parity with pybox2d")
struct KinematicSensorTests {
    @Test("a kinematic platform carries a box by friction; sensors report overlaps without pushing (1e-5, 120 steps)")
    func scene() throws {
        let s = try SceneFixture.load("physics2d_kinematic_sensor")
        let r = try runScene(s)
        expectParity(s, r, tol: 1e-5)
        #expect(r.events == s.eventStrings)
        #expect(r.sleepStep == s.sleepStep)
        // The falling box passed through the sensor (begin then end) and reached the ground.
        #expect(s.eventStrings.contains { $0.hasSuffix("begin 4 5") } && s.eventStrings.contains { $0.hasSuffix("end 4 5") })
    }
}
