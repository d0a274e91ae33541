/// Errors a caller can cause by describing an impossible shape or joint. They are thrown,
/// never trapped, so an environment built from user parameters can report them.
public enum PhysicsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A polygon needs between 3 and `maxPolygonVertices` vertices.
    case vertexCount(Int)
    /// The vertices do not span a convex polygon with positive area.
    case degeneratePolygon
    /// A box needs positive, finite half-extents.
    case invalidBoxExtents(hx: Float, hy: Float)
    /// An edge needs two distinct, finite end points.
    case degenerateEdge
    /// A circle needs a positive, finite radius and a finite centre.
    case invalidCircle(radius: Float)
    /// A density, friction or restitution was negative or not finite.
    case invalidMaterial(String)
    /// A joint must connect two different bodies of the same world.
    case invalidJoint(String)

    public var description: String {
        switch self {
        case .vertexCount(let n): return "a polygon needs 3...\(maxPolygonVertices) vertices, got \(n)"
        case .degeneratePolygon: return "polygon vertices are degenerate (collinear, duplicated or zero area)"
        case .invalidBoxExtents(let hx, let hy): return "box half-extents must be positive and finite, got (\(hx), \(hy))"
        case .degenerateEdge: return "edge end points must be finite and distinct"
        case .invalidCircle(let r): return "circle radius must be positive and finite, got \(r)"
        case .invalidMaterial(let what): return "invalid fixture material: \(what)"
        case .invalidJoint(let what): return "invalid joint: \(what)"
        }
    }
}
