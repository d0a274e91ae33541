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
