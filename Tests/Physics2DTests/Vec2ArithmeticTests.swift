import Testing
@testable import Physics2D

@Suite("Vec2 arithmetic")
struct Vec2ArithmeticTests {
    @Test func products() {
        let a = Vec2(3, 4), b = Vec2(-2, 1)
        #expect(a.dot(b) == -2)
        #expect(a.cross(b) == 11)
        #expect(a.length == 5)
        #expect(a.lengthSquared == 25)
        #expect(a + b == Vec2(1, 5))
        #expect(a - b == Vec2(5, 3))
        #expect(2 * a == Vec2(6, 8))
        #expect(-a == Vec2(-3, -4))
    }
}
