/// The numbers of Gymnasium's `lunar_lander.py`, in one place.
///
/// Why an enum of constants: the environment, its scene builder and its renderer all need
/// the same Box2D-unit geometry (viewport, scale, hull, legs, engines), and Gymnasium's
/// observation and reward formulas are written in terms of them. Values are `Double`
/// because Gymnasium computes everything outside Box2D in Python floats; they are
/// converted to `Float` only where a value enters the physics engine.
public enum LunarLanderConstants {
    public static let fps = 50.0
    public static let scale = 30.0
    public static let mainEnginePower = 13.0
    public static let sideEnginePower = 0.6
    public static let initialRandom = 1000.0
    /// The lander hull in pixels (divided by `scale` for Box2D).
    public static let landerPolygon: [(Double, Double)] = [(-14, 17), (-17, 0), (-17, -10), (17, -10), (17, 0), (14, 17)]
    public static let legAway = 20.0
    public static let legDown = 18.0
    public static let legWidth = 2.0
    public static let legHeight = 8.0
    public static let legSpringTorque = 40.0
    public static let sideEngineHeight = 14.0
    public static let sideEngineAway = 12.0
    public static let mainEngineYLocation = 4.0
    public static let viewportWidth = 600
    public static let viewportHeight = 400
    /// Terrain chunks (11 x positions, 10 edges).
    public static let chunks = 11

    /// World width in Box2D units (20).
    public static let worldWidth = Double(viewportWidth) / scale
    /// World height in Box2D units (13.33…).
    public static let worldHeight = Double(viewportHeight) / scale
    /// The helipad's height (`H / 4`).
    public static let helipadY = worldHeight / 4
    /// The helipad's x range: chunks 4 to 6.
    public static let helipadX1 = worldWidth / Double(chunks - 1) * Double(chunks / 2 - 1)
    public static let helipadX2 = worldWidth / Double(chunks - 1) * Double(chunks / 2 + 1)

    /// Physics step: `1/FPS` with 6·30 velocity and 2·30 position iterations.
    public static let velocityIterations = 6 * 30
    public static let positionIterations = 2 * 30

    /// Gymnasium's observation bounds (2π rounded to nearest as NumPy does; `Float.pi`
    /// rounds towards zero).
    public static let observationLow: [Float] = [-2.5, -2.5, -10, -10, -Float(2 * Double.pi), -10, 0, 0]
    public static let observationHigh: [Float] = [2.5, 2.5, 10, 10, Float(2 * Double.pi), 10, 1, 1]
}
