#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Box2D 2.3 tuning constants (`Common/b2Settings.h`). The solver's results depend on
// every one of them, so they are the reference values, not tunables.

/// Machine epsilon of `Float` (`FLT_EPSILON`).
public let floatEpsilon: Float = Float.ulpOfOne
/// π in single precision, as `b2_pi`.
public let b2Pi: Float = 3.14159265359
/// Collision and constraint tolerance (metres).
public let linearSlop: Float = 0.005
/// Angular tolerance (radians).
public let angularSlop: Float = 2.0 / 180.0 * b2Pi
/// Skin radius of polygons and edges.
public let polygonRadius: Float = 2.0 * linearSlop
/// Maximum points in a contact manifold.
public let maxManifoldPoints = 2
/// Maximum vertices of a polygon accepted by `PolygonShape`.
public let maxPolygonVertices = 8
/// Fattening of broad-phase AABBs.
public let aabbExtension: Float = 0.1
/// Multiplier of the predicted displacement of fat AABBs.
public let aabbMultiplier: Float = 2.0
/// Relative normal velocity below which collisions are inelastic.
public let velocityThreshold: Float = 1.0
/// Largest position correction per step.
public let maxLinearCorrection: Float = 0.2
/// Largest angular correction per step.
public let maxAngularCorrection: Float = 8.0 / 180.0 * b2Pi
/// Largest translation per step.
public let maxTranslation: Float = 2.0
/// Largest rotation per step.
public let maxRotation: Float = 0.5 * b2Pi
/// Fraction of overlap resolved per step.
public let baumgarte: Float = 0.2
/// Same, for TOI sub-steps.
public let toiBaumgarte: Float = 0.75
/// Maximum sub-steps per contact in continuous collision.
public let maxSubSteps = 8
/// Maximum contacts in a TOI island.
public let maxTOIContacts = 32
/// Time a body must be still before it sleeps.
public let timeToSleep: Float = 0.5
/// Linear speed under which a body counts as still.
public let linearSleepTolerance: Float = 0.01
/// Angular speed under which a body counts as still.
public let angularSleepTolerance: Float = 2.0 / 180.0 * b2Pi

@usableFromInline let maxTranslationSquared: Float = maxTranslation * maxTranslation
@usableFromInline let maxRotationSquared: Float = maxRotation * maxRotation

/// Single-precision sine/cosine/atan2 from the C library, as Box2D calls them.
@inlinable func sinF(_ x: Float) -> Float { sinf(x) }
@inlinable func cosF(_ x: Float) -> Float { cosf(x) }
@inlinable func floorF(_ x: Float) -> Float { floorf(x) }
@inlinable func atan2Float(_ y: Float, _ x: Float) -> Float { atan2f(y, x) }
