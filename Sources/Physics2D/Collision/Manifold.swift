/// Identifies which features (vertex or face of each shape) produced a contact point
/// (`b2ContactFeature`/`b2ContactID`), so impulses can be carried over between steps.
public struct ContactID: Sendable, Equatable {
    public var indexA: UInt8 = 0
    public var indexB: UInt8 = 0
    public var typeA: UInt8 = 0
    public var typeB: UInt8 = 0
    public static let vertex: UInt8 = 0
    public static let face: UInt8 = 1
    @inlinable public init() {}
    @inlinable init(indexA: Int, indexB: Int, typeA: UInt8, typeB: UInt8) {
        self.indexA = UInt8(truncatingIfNeeded: indexA)
        self.indexB = UInt8(truncatingIfNeeded: indexB)
        self.typeA = typeA
        self.typeB = typeB
    }
    /// The same features seen from the other shape.
    @inlinable var flipped: ContactID {
        var r = ContactID()
        r.indexA = indexB; r.indexB = indexA; r.typeA = typeB; r.typeB = typeA
        return r
    }
}

/// One contact point in local coordinates with its accumulated impulses (`b2ManifoldPoint`).
public struct ManifoldPoint: Sendable {
    public var localPoint: Vec2 = .zero
    public var normalImpulse: Float = 0
    public var tangentImpulse: Float = 0
    public var id = ContactID()
    @inlinable public init() {}
}

/// The contact points between two shapes in the reference shape's frame (`b2Manifold`).
public struct Manifold: Sendable {
    /// Which shape holds the reference face.
    public enum Kind: Sendable { case circles, faceA, faceB }
    public var kind: Kind = .faceA
    public var localNormal: Vec2 = .zero
    public var localPoint: Vec2 = .zero
    public var point0 = ManifoldPoint()
    public var point1 = ManifoldPoint()
    public var pointCount = 0
    @inlinable public init() {}

    @inlinable public subscript(i: Int) -> ManifoldPoint {
        get { i == 0 ? point0 : point1 }
        set { if i == 0 { point0 = newValue } else { point1 = newValue } }
    }
}

/// Contact normal and points in world coordinates (`b2WorldManifold`), each point midway
/// between the two surfaces.
public struct WorldManifold: Sendable {
    public var normal: Vec2 = .zero
    public var point0: Vec2 = .zero
    public var point1: Vec2 = .zero

    @inlinable public init(_ m: Manifold, _ xfA: Transform, _ radiusA: Float, _ xfB: Transform, _ radiusB: Float) {
        if m.pointCount == 0 { return }
        switch m.kind {
        case .circles:
            normal = Vec2(1, 0)
            let pointA = xfA.apply(m.localPoint)
            let pointB = xfB.apply(m.point0.localPoint)
            if (pointA - pointB).lengthSquared > floatEpsilon * floatEpsilon {
                normal = (pointB - pointA).normalized
            }
            let cA = pointA + radiusA * normal
            let cB = pointB - radiusB * normal
            point0 = 0.5 * (cA + cB)
        case .faceA:
            normal = xfA.q.apply(m.localNormal)
            let planePoint = xfA.apply(m.localPoint)
            for i in 0..<m.pointCount {
                let clipPoint = xfB.apply(m[i].localPoint)
                let cA = clipPoint + (radiusA - (clipPoint - planePoint).dot(normal)) * normal
                let cB = clipPoint - radiusB * normal
                let p = 0.5 * (cA + cB)
                if i == 0 { point0 = p } else { point1 = p }
            }
        case .faceB:
            normal = xfB.q.apply(m.localNormal)
            let planePoint = xfB.apply(m.localPoint)
            for i in 0..<m.pointCount {
                let clipPoint = xfA.apply(m[i].localPoint)
                let cB = clipPoint + (radiusB - (clipPoint - planePoint).dot(normal)) * normal
                let cA = clipPoint - radiusA * normal
                let p = 0.5 * (cA + cB)
                if i == 0 { point0 = p } else { point1 = p }
            }
            normal = -normal
        }
    }

    @inlinable public subscript(i: Int) -> Vec2 { i == 0 ? point0 : point1 }
}

/// A vertex of a clipped segment with its feature id (`b2ClipVertex`).
@usableFromInline struct ClipVertex {
    @usableFromInline var v: Vec2 = .zero
    @usableFromInline var id = ContactID()
    @inlinable init() {}
    @inlinable init(v: Vec2, id: ContactID) { self.v = v; self.id = id }
}

/// A pair of clip vertices (fixed size, no allocation).
@usableFromInline struct ClipPair {
    @usableFromInline var a = ClipVertex()
    @usableFromInline var b = ClipVertex()
    @inlinable init() {}
    @inlinable subscript(i: Int) -> ClipVertex {
        get { i == 0 ? a : b }
        set { if i == 0 { a = newValue } else { b = newValue } }
    }
}

/// Sutherland–Hodgman clipping of a segment against the half-plane `normal·x ≤ offset`
/// (`b2ClipSegmentToLine`). Returns the number of output points.
@inlinable func clipSegmentToLine(_ vOut: inout ClipPair, _ vIn: ClipPair, normal: Vec2, offset: Float, vertexIndexA: Int) -> Int {
    var numOut = 0
    let distance0 = normal.dot(vIn.a.v) - offset
    let distance1 = normal.dot(vIn.b.v) - offset
    if distance0 <= 0 { vOut[numOut] = vIn.a; numOut += 1 }
    if distance1 <= 0 { vOut[numOut] = vIn.b; numOut += 1 }
    if distance0 * distance1 < 0 {
        let interp = distance0 / (distance0 - distance1)
        var cv = ClipVertex()
        cv.v = vIn.a.v + interp * (vIn.b.v - vIn.a.v)
        cv.id = ContactID(indexA: vertexIndexA, indexB: Int(vIn.a.id.indexB), typeA: ContactID.vertex, typeB: ContactID.face)
        vOut[numOut] = cv
        numOut += 1
    }
    return numOut
}
