/// LunarLander's snapshots: the physics world is a graph of reference objects, so the
/// default value copy is not enough.
///
/// Why a file of its own: `independentCopy()` deep-copies the scene (`World.copy()`:
/// bodies, fixtures, joints, contacts with their warm-starting impulses, the broad-phase
/// tree, sleep timers); every other field — random stream, wind and turbulence indices,
/// game-over and leg-contact flags, the previous shaping value, the last engine powers —
/// is a value and travels with the struct.
extension LunarLanderEnvironment {
    public func independentCopy() -> Self {
        var copy = self
        copy.scene = scene?.copy()
        return copy
    }

    /// The id and kwargs, e.g. `LunarLander-v3(gravity: -10.0, enable_wind: false, …)`.
    public var snapshotConfiguration: String {
        let c = configuration
        return "\(id)(gravity: \(c.gravity), enable_wind: \(c.enableWind), wind_power: \(c.windPower), "
            + "turbulence_power: \(c.turbulencePower))"
    }
}
