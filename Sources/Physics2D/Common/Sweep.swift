/// The motion of a body's centre of mass over a step (`b2Sweep`), used by continuous
/// collision to interpolate poses between the start and the end of the step.
public struct Sweep: Sendable {
    /// Centre of mass in body coordinates.
    public var localCenter: Vec2 = .zero
    /// Centre positions at `alpha0` and at the end of the step.
    public var c0: Vec2 = .zero, c: Vec2 = .zero
    /// Angles at `alpha0` and at the end of the step.
    public var a0: Float = 0, a: Float = 0
    /// Fraction of the step already consumed, in [0, 1).
    public var alpha0: Float = 0

    public init() {}

    /// The body transform at fraction `beta` of the sweep.
    @inlinable public func transform(at beta: Float) -> Transform {
        var p = (1 - beta) * c0 + beta * c
        let angle = (1 - beta) * a0 + beta * a
        let q = Rot(angle)
        p -= q.apply(localCenter)
        return Transform(p: p, q: q)
    }

    /// Moves the start of the sweep to `alpha` (pybox2d's Box2D form: `c0 = (1-β)c0 + βc`).
    @inlinable public mutating func advance(to alpha: Float) {
        let beta = (alpha - alpha0) / (1 - alpha0)
        c0 = (1 - beta) * c0 + beta * c
        a0 = (1 - beta) * a0 + beta * a
        alpha0 = alpha
    }

    /// Keeps angles in [-π, π) at the start of the sweep.
    @inlinable public mutating func normalize() {
        let twoPi = 2 * b2Pi
        let d = twoPi * floorF(a0 / twoPi)
        a0 -= d
        a -= d
    }
}
