/// An axis-aligned bounding box (`b2AABB`).
public struct AABB: Sendable, Equatable {
    public var lowerBound: Vec2
    public var upperBound: Vec2
    @inlinable public init(lowerBound: Vec2, upperBound: Vec2) { self.lowerBound = lowerBound; self.upperBound = upperBound }

    /// Whether this box contains `b` entirely.
    @inlinable public func contains(_ b: AABB) -> Bool {
        lowerBound.x <= b.lowerBound.x && lowerBound.y <= b.lowerBound.y
            && b.upperBound.x <= upperBound.x && b.upperBound.y <= upperBound.y
    }
    /// Whether two boxes overlap (touching counts), as `b2TestOverlap`.
    @inlinable public func overlaps(_ b: AABB) -> Bool {
        let d1x = b.lowerBound.x - upperBound.x, d1y = b.lowerBound.y - upperBound.y
        let d2x = lowerBound.x - b.upperBound.x, d2y = lowerBound.y - b.upperBound.y
        if d1x > 0 || d1y > 0 { return false }
        if d2x > 0 || d2y > 0 { return false }
        return true
    }
    /// The union of two boxes.
    @inlinable public static func combine(_ a: AABB, _ b: AABB) -> AABB {
        AABB(lowerBound: .min(a.lowerBound, b.lowerBound), upperBound: .max(a.upperBound, b.upperBound))
    }
}
