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

/// The geometry of a fixture. An enum (not a class hierarchy) keeps fixtures value-typed and
/// lets collision dispatch with a switch.
public enum Shape: Sendable, Equatable {
    case polygon(PolygonShape)
    case edge(EdgeShape)
    case circle(CircleShape)

    /// The skin radius.
    @inlinable public var radius: Float {
        switch self {
        case .polygon(let p): return p.radius
        case .edge(let e): return e.radius
        case .circle(let c): return c.radius
        }
    }

    /// Bounding box under `xf`.
    @inlinable public func aabb(_ xf: Transform) -> AABB {
        switch self {
        case .polygon(let p): return p.aabb(xf)
        case .edge(let e): return e.aabb(xf)
        case .circle(let c): return c.aabb(xf)
        }
    }

    /// Mass properties at `density`; edges have none.
    public func massData(density: Float) -> MassData {
        switch self {
        case .polygon(let p): return p.massData(density: density)
        case .edge(let e): return MassData(mass: 0, center: 0.5 * (e.vertex1 + e.vertex2), inertia: 0)
        case .circle(let c): return c.massData(density: density)
        }
    }

    /// Ordering used to pick shape A of a contact, as Box2D's contact registers do:
    /// edge before polygon before circle.
    @usableFromInline var typeRank: Int {
        switch self {
        case .edge: return 1
        case .polygon: return 2
        case .circle: return 3
        }
    }
}
