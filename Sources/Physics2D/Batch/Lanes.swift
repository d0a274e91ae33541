/// One `Float` per world: the batched velocity solver runs the same operation for
/// `laneCount` worlds at once. Each lane performs exactly the IEEE operations the scalar
/// solver performs for its world (SIMD add, subtract, multiply and compare round and
/// compare per element as their scalar forms do; Swift contracts nothing into fused
/// multiply-adds), so every world's results are bit for bit its own.
///
/// Eight lanes: on x86-64 without extra compiler flags a lane vector is two SSE
/// registers, so one world's dependent chain of operations runs beside seven others'.
/// (Measured on the lander: four lanes, or two four-lane halves interleaved joint by
/// joint, cost more per world.)
typealias Lanes = SIMD8<Float>
/// Per-world conditions of the batched solver.
typealias LaneMask = SIMDMask<SIMD8<Int32>>

/// The number of worlds the batched velocity solver advances together.
let laneCount = Lanes.scalarCount

/// `-x` in every lane, as the scalar solver negates: the sign flipped. The standard
/// library's SIMD negation computes `0 - x`, which turns +0 into +0 where the scalar
/// `-x` gives -0, and a signed zero can decide a later clamp (a friction impulse bound
/// of zero). Multiplying by -1 is exact and compiles to the same sign flip.
@inline(__always) prefix func - (x: Lanes) -> Lanes { Lanes(repeating: -1) * x }

/// `Swift.min(x, y)` in every lane: `y < x ? y : x`, the same choice for NaNs and signed
/// zeros as the scalar solver's `min`.
@inline(__always) func laneMin(_ x: Lanes, _ y: Lanes) -> Lanes { x.replacing(with: y, where: y .< x) }

/// `Swift.max(x, y)` in every lane: `y >= x ? y : x`, as the scalar solver's `max`.
@inline(__always) func laneMax(_ x: Lanes, _ y: Lanes) -> Lanes { x.replacing(with: y, where: y .>= x) }

/// Whether `mask` holds in any lane. The standard library's `any` reduces the mask
/// element by element through a call; halving the mask's integer lanes twice takes two
/// vector operations.
@inline(__always) func laneAny(_ mask: LaneMask) -> Bool {
    let quarter = mask._storage.lowHalf | mask._storage.highHalf
    let pair = quarter.lowHalf | quarter.highHalf
    return pair[0] | pair[1] != 0
}

/// `condition ? a : b` in every lane.
@inline(__always) func laneSelect(_ condition: LaneMask, _ a: Lanes, _ b: Lanes) -> Lanes {
    b.replacing(with: a, where: condition)
}

/// A `Vec2` per lane, with `Vec2`'s operations written the same way (the same operations
/// in the same order), so that lane code reads like the scalar code it mirrors.
struct LaneVec2 {
    var x: Lanes
    var y: Lanes

    @inline(__always) init(_ x: Lanes, _ y: Lanes) {
        self.x = x
        self.y = y
    }

    @inline(__always) static func + (a: LaneVec2, b: LaneVec2) -> LaneVec2 { LaneVec2(a.x + b.x, a.y + b.y) }
    @inline(__always) static func - (a: LaneVec2, b: LaneVec2) -> LaneVec2 { LaneVec2(a.x - b.x, a.y - b.y) }
    @inline(__always) static prefix func - (a: LaneVec2) -> LaneVec2 { LaneVec2(-a.x, -a.y) }
    @inline(__always) static func * (s: Lanes, a: LaneVec2) -> LaneVec2 { LaneVec2(s * a.x, s * a.y) }
    @inline(__always) static func += (a: inout LaneVec2, b: LaneVec2) { a = a + b }
    @inline(__always) static func -= (a: inout LaneVec2, b: LaneVec2) { a = a - b }

    /// `Vec2.dot`.
    @inline(__always) func dot(_ b: LaneVec2) -> Lanes { x * b.x + y * b.y }
    /// `Vec2.cross(Vec2)`.
    @inline(__always) func cross(_ b: LaneVec2) -> Lanes { x * b.y - y * b.x }

    /// `condition ? a : b` in every lane.
    @inline(__always) static func select(_ condition: LaneMask, _ a: LaneVec2, _ b: LaneVec2) -> LaneVec2 {
        LaneVec2(laneSelect(condition, a.x, b.x), laneSelect(condition, a.y, b.y))
    }
}

/// `cross(Float, Vec2)` per lane: `(-s·v.y, s·v.x)`.
@inline(__always) func cross(_ s: Lanes, _ v: LaneVec2) -> LaneVec2 { LaneVec2(-s * v.y, s * v.x) }

/// A `Vec3` per lane, for the revolute joint's point-and-angle impulse.
struct LaneVec3 {
    var x: Lanes
    var y: Lanes
    var z: Lanes

    @inline(__always) init(_ x: Lanes, _ y: Lanes, _ z: Lanes) {
        self.x = x
        self.y = y
        self.z = z
    }

    @inline(__always) static prefix func - (a: LaneVec3) -> LaneVec3 { LaneVec3(-a.x, -a.y, -a.z) }
    /// `Vec3.dot`.
    @inline(__always) func dot(_ b: LaneVec3) -> Lanes { x * b.x + y * b.y + z * b.z }
    /// `Vec3.cross`.
    @inline(__always) func cross(_ b: LaneVec3) -> LaneVec3 {
        LaneVec3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x)
    }
}

/// A body's velocity in every lane (`Velocity`).
struct LaneVelocity {
    var v: LaneVec2
    var w: Lanes
}
