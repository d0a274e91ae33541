/// A potential or actual contact between two fixtures whose fat AABBs overlap
/// (`b2Contact`). It is touching when its manifold has points.
///
/// Contacts are pooled by the world: a destroyed contact object is reused for a later
/// pair, so do not keep references to contacts across steps (events carry fixtures).
public final class Contact {
    @exclusivity(unchecked) public private(set) var fixtureA: Fixture
    @exclusivity(unchecked) public private(set) var fixtureB: Fixture
    @exclusivity(unchecked) public internal(set) var manifold = Manifold()
    @exclusivity(unchecked) private(set) var friction: Float
    @exclusivity(unchecked) private(set) var restitution: Float
    @exclusivity(unchecked) var tangentSpeed: Float = 0

    @exclusivity(unchecked) var islandFlag = false
    @exclusivity(unchecked) var touchingFlag = false
    @exclusivity(unchecked) var enabledFlag = true
    @exclusivity(unchecked) var filterFlag = false
    @exclusivity(unchecked) var toiFlag = false
    @exclusivity(unchecked) var toiCount = 0
    @exclusivity(unchecked) var toi: Float = 1

    init(_ a: Fixture, _ b: Fixture) {
        fixtureA = a
        fixtureB = b
        friction = (a.friction * b.friction).squareRoot()
        restitution = max(a.restitution, b.restitution)
    }

    /// A copy of `other` between `a` and `b` (the copies of its fixtures in a world copy):
    /// manifold with its warm-starting impulses, flags and time-of-impact state.
    init(copying other: Contact, _ a: Fixture, _ b: Fixture) {
        fixtureA = a
        fixtureB = b
        manifold = other.manifold
        friction = other.friction
        restitution = other.restitution
        tangentSpeed = other.tangentSpeed
        islandFlag = other.islandFlag
        touchingFlag = other.touchingFlag
        enabledFlag = other.enabledFlag
        filterFlag = other.filterFlag
        toiFlag = other.toiFlag
        toiCount = other.toiCount
        toi = other.toi
    }

    /// Re-initialises a pooled contact for a new pair, as a fresh `b2Contact`.
    func reset(_ a: Fixture, _ b: Fixture) {
        fixtureA = a
        fixtureB = b
        friction = (a.friction * b.friction).squareRoot()
        restitution = max(a.restitution, b.restitution)
        manifold = Manifold()
        tangentSpeed = 0
        islandFlag = false
        touchingFlag = false
        enabledFlag = true
        filterFlag = false
        toiFlag = false
        toiCount = 0
        toi = 1
    }

    /// Whether the shapes are touching (the manifold has points, or sensors overlap).
    public var isTouching: Bool { touchingFlag }
    /// Whether the contact takes part in solving this step.
    public var isEnabled: Bool { enabledFlag }

    /// The manifold in world coordinates.
    public var worldManifold: WorldManifold {
        WorldManifold(manifold, fixtureA.body.transform, fixtureA.shape.radius,
                      fixtureB.body.transform, fixtureB.shape.radius)
    }

    /// Computes the manifold for the current transforms.
    @inline(__always) func evaluate(_ m: inout Manifold, _ xfA: Transform, _ xfB: Transform) {
        switch (fixtureA.shape, fixtureB.shape) {
        case (.edge(let e), .polygon(let p)):
            collideEdgeAndPolygon(&m, e, xfA, p, xfB)
        case (.polygon(let a), .polygon(let b)):
            PolygonCollider.collide(&m, a, xfA, b, xfB)
        case (.edge(let e), .circle(let c)):
            CircleCollider.edgeAndCircle(&m, e, xfA, c, xfB)
        case (.polygon(let p), .circle(let c)):
            CircleCollider.polygonAndCircle(&m, p, xfA, c, xfB)
        case (.circle(let a), .circle(let b)):
            CircleCollider.circles(&m, a, xfA, b, xfB)
        default:
            m.pointCount = 0
        }
    }

    /// Updates the manifold, carries impulses over by feature id, wakes bodies when the
    /// touching state changes and reports begin/end (`b2Contact::Update`).
    func update(_ events: inout [ContactEvent]) {
        let oldManifold = manifold
        enabledFlag = true
        var touching = false
        let wasTouching = touchingFlag
        let sensor = fixtureA.isSensor || fixtureB.isSensor
        let bodyA = fixtureA.body
        let bodyB = fixtureB.body
        let xfA = bodyA.transform
        let xfB = bodyB.transform
        if sensor {
            touching = sensorOverlap(xfA, xfB)
            manifold.pointCount = 0
        } else {
            evaluate(&manifold, xfA, xfB)
            touching = manifold.pointCount > 0
            for i in 0..<manifold.pointCount {
                var mp2 = manifold[i]
                mp2.normalImpulse = 0
                mp2.tangentImpulse = 0
                for j in 0..<oldManifold.pointCount {
                    let mp1 = oldManifold[j]
                    if mp1.id == mp2.id {
                        mp2.normalImpulse = mp1.normalImpulse
                        mp2.tangentImpulse = mp1.tangentImpulse
                        break
                    }
                }
                manifold[i] = mp2
            }
            if touching != wasTouching {
                bodyA.setAwake(true)
                bodyB.setAwake(true)
            }
        }
        touchingFlag = touching
        if !wasTouching && touching { events.append(ContactEvent(kind: .begin, fixtureA: fixtureA, fixtureB: fixtureB)) }
        if wasTouching && !touching { events.append(ContactEvent(kind: .end, fixtureA: fixtureA, fixtureB: fixtureB)) }
    }

    /// Sensor overlap test: the shapes' distance is within numerical tolerance of zero.
    func sensorOverlap(_ xfA: Transform, _ xfB: Transform) -> Bool {
        var cache = SimplexCache()
        let out = distance(DistanceProxy(fixtureA.shape), xfA, DistanceProxy(fixtureB.shape), xfB, useRadii: true, cache: &cache)
        return out.distance < 10 * floatEpsilon
    }
}

/// A touching state change reported by a world step (Box2D's `BeginContact`/`EndContact`).
public struct ContactEvent {
    public enum Kind: Sendable { case begin, end }
    public let kind: Kind
    /// The contact's first fixture (the edge of an edge–polygon contact).
    public let fixtureA: Fixture
    /// The contact's second fixture.
    public let fixtureB: Fixture
}
