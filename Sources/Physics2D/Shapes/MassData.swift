/// Mass, centre of mass and rotational inertia about the shape origin of a shape at a given
/// density (`b2MassData`): what a body sums to get its own mass properties.
public struct MassData: Sendable, Equatable {
    public var mass: Float
    public var center: Vec2
    /// Rotational inertia about the local origin (not the centroid).
    public var inertia: Float
    public init(mass: Float, center: Vec2, inertia: Float) {
        self.mass = mass
        self.center = center
        self.inertia = inertia
    }
}
