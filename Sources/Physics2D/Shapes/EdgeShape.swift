/// A line segment (`b2EdgeShape`), two-sided unless ghost vertices are given: the terrain
/// of LunarLander and BipedalWalker.
public struct EdgeShape: Sendable, Equatable {
    public var vertex1: Vec2
    public var vertex2: Vec2
    /// Optional neighbours for smooth collision along chains (ghost vertices).
    public var vertex0: Vec2? = nil
    public var vertex3: Vec2? = nil
    public let radius: Float = polygonRadius

    public init(_ v1: Vec2, _ v2: Vec2, vertex0: Vec2? = nil, vertex3: Vec2? = nil) throws {
        guard v1.x.isFinite, v1.y.isFinite, v2.x.isFinite, v2.y.isFinite, v1 != v2 else {
            throw PhysicsError.degenerateEdge
        }
        vertex1 = v1
        vertex2 = v2
        self.vertex0 = vertex0
        self.vertex3 = vertex3
    }

    /// Bounding box under `xf`, including the skin.
    @inlinable public func aabb(_ xf: Transform) -> AABB {
        let v1 = xf.apply(vertex1), v2 = xf.apply(vertex2)
        let r = Vec2(radius, radius)
        return AABB(lowerBound: Vec2.min(v1, v2) - r, upperBound: Vec2.max(v1, v2) + r)
    }
}
