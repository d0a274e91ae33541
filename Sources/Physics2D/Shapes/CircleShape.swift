/// A solid circle (`b2CircleShape`): LunarLander's exhaust particles when rendering, and
/// wheels or balls in other scenes.
public struct CircleShape: Sendable, Equatable {
    /// Centre in body coordinates.
    public var center: Vec2
    public let radius: Float

    public init(radius: Float, center: Vec2 = .zero) throws {
        guard radius > 0, radius.isFinite, center.x.isFinite, center.y.isFinite else {
            throw PhysicsError.invalidCircle(radius: radius)
        }
        self.radius = radius
        self.center = center
    }

    /// Bounding box under `xf`.
    @inlinable public func aabb(_ xf: Transform) -> AABB {
        let p = xf.p + xf.q.apply(center)
        return AABB(lowerBound: Vec2(p.x - radius, p.y - radius), upperBound: Vec2(p.x + radius, p.y + radius))
    }

    /// Mass properties at `density` (`b2CircleShape::ComputeMass`).
    public func massData(density: Float) -> MassData {
        let mass = density * b2Pi * radius * radius
        return MassData(mass: mass, center: center, inertia: mass * (0.5 * radius * radius + center.dot(center)))
    }

    /// Ray cast against the circle placed at `xf` (`b2CircleShape::RayCast`).
    public func rayCast(from p1: Vec2, to p2: Vec2, maxFraction: Float, at xf: Transform) -> RayCastHit? {
        let position = xf.p + xf.q.apply(center)
        let s = p1 - position
        let b = s.dot(s) - radius * radius
        let r = p2 - p1
        let c = s.dot(r)
        let rr = r.dot(r)
        let sigma = c * c - rr * b
        if sigma < 0 || rr < floatEpsilon { return nil }
        var a = -(c + sigma.squareRoot())
        if 0 <= a && a <= maxFraction * rr {
            a /= rr
            var n = s + a * r
            n.normalize()
            return RayCastHit(fraction: a, normal: n)
        }
        return nil
    }
}
