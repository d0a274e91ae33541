/// Collision filtering data (`b2Filter`): which categories a fixture belongs to, which it
/// collides with, and a group that overrides both.
public struct Filter: Sendable, Equatable {
    public var categoryBits: UInt16 = 0x0001
    public var maskBits: UInt16 = 0xFFFF
    public var groupIndex: Int16 = 0
    public init(categoryBits: UInt16 = 0x0001, maskBits: UInt16 = 0xFFFF, groupIndex: Int16 = 0) {
        self.categoryBits = categoryBits
        self.maskBits = maskBits
        self.groupIndex = groupIndex
    }

    /// Box2D's default contact filter (`b2ContactFilter::ShouldCollide`).
    @inlinable public func shouldCollide(with other: Filter) -> Bool {
        if groupIndex == other.groupIndex && groupIndex != 0 { return groupIndex > 0 }
        return (maskBits & other.categoryBits) != 0 && (categoryBits & other.maskBits) != 0
    }
}

/// How to attach a shape to a body (`b2FixtureDef`), with Box2D's defaults.
public struct FixtureDef: Sendable {
    public var shape: Shape
    public var density: Float = 0
    public var friction: Float = 0.2
    public var restitution: Float = 0
    public var isSensor = false
    public var filter = Filter()
    /// Caller's identification (Box2D's `userData`).
    public var tag = 0
    public init(shape: Shape, density: Float = 0, friction: Float = 0.2, restitution: Float = 0,
                isSensor: Bool = false, filter: Filter = Filter(), tag: Int = 0) {
        self.shape = shape
        self.density = density
        self.friction = friction
        self.restitution = restitution
        self.isSensor = isSensor
        self.filter = filter
        self.tag = tag
    }
}

/// A shape attached to a body with its material and filter (`b2Fixture`); it owns one
/// broad-phase proxy.
public final class Fixture {
    public let body: Body
    public let shape: Shape
    public let density: Float
    public let friction: Float
    public let restitution: Float
    public let isSensor: Bool
    @exclusivity(unchecked) public internal(set) var filter: Filter
    @exclusivity(unchecked) public var tag: Int
    /// Broad-phase proxy index.
    @exclusivity(unchecked) var proxyId = -1
    /// Tight (swept) AABB last given to the broad phase.
    @exclusivity(unchecked) var aabb = AABB(lowerBound: .zero, upperBound: .zero)

    init(body: Body, def: FixtureDef) {
        self.body = body
        shape = def.shape
        density = def.density
        friction = def.friction
        restitution = def.restitution
        isSensor = def.isSensor
        filter = def.filter
        tag = def.tag
    }

    /// A copy of `other` attached to `body` (the copy of `other.body` in a world copy),
    /// with the same broad-phase proxy id and box.
    init(copying other: Fixture, body: Body) {
        self.body = body
        shape = other.shape
        density = other.density
        friction = other.friction
        restitution = other.restitution
        isSensor = other.isSensor
        filter = other.filter
        tag = other.tag
        proxyId = other.proxyId
        aabb = other.aabb
    }
}
