/// Steps several independent worlds together, each exactly as its own `step` would: the
/// same results, bit for bit, and the same contact events.
///
/// Why it exists: most of a small scene's step (LunarLander's: a hull, two legs, two
/// revolute joints, 180 velocity iterations) is the velocity iterations, a chain of
/// dependent operations that leaves the core mostly idle. Worlds whose islands have the
/// same joints run those iterations together in SIMD lanes (`LaneIsland`), eight worlds'
/// chains at a fourth to a sixth of the time per world; every other part of the step,
/// and the velocity iterations of a world that shares lanes with no other, runs as in
/// `step`.
///
/// ```swift
/// let batch = WorldBatch()
/// for world in worlds { batch.begin(world, dt: 1.0 / 50.0, velocityIterations: 180, positionIterations: 60) }
/// batch.finish()   // every world has now taken its step
/// ```
///
/// Between `begin` and `finish` a world is in the middle of its step: read or change it
/// only after `finish`. Storage is kept between steps: after the first few, stepping
/// allocates nothing. Not thread-safe; use one batch per thread.
public final class WorldBatch {
    /// Worlds begun whose last island waits for its velocity iterations.
    @exclusivity(unchecked) private var pending: [World] = []
    /// Which pending worlds have joined a lane batch.
    @exclusivity(unchecked) private var grouped: [Bool] = []
    private let lanes = LaneIsland()

    /// How many worlds' velocity iterations run together (the SIMD lanes): batches of a
    /// multiple of this size waste no lanes.
    public static let laneCount = Physics2D.laneCount

    public init() {
        pending.reserveCapacity(2 * Self.laneCount)
        grouped.reserveCapacity(2 * Self.laneCount)
    }

    /// Begins stepping `world` by `dt` (the arguments of `World.step`): everything up to
    /// the velocity iterations of its last island. A world begins at most once per batch.
    public func begin(_ world: World, dt: Float, velocityIterations: Int, positionIterations: Int) {
        precondition(!pending.contains { $0 === world }, "a world can take one step per batch")
        if world.beginStep(dt, velocityIterations: velocityIterations, positionIterations: positionIterations) {
            pending.append(world)
        }
    }

    /// Completes the step of every world begun since the last `finish`, in the order
    /// they began.
    public func finish() {
        grouped.removeAll(keepingCapacity: true)
        for _ in pending { grouped.append(false) }
        for i in pending.indices where !grouped[i] {
            let first = pending[i]
            let iterations = first.pendingStep.velocityIterations
            lanes.clear()
            if lanes.add(first.island) {
                for k in (i + 1)..<pending.count where !grouped[k] && lanes.count < Self.laneCount {
                    let other = pending[k]
                    if other.pendingStep.velocityIterations == iterations && lanes.add(other.island) { grouped[k] = true }
                }
            }
            // One island alone runs faster in the scalar solver than in lanes.
            if lanes.count > 1 {
                lanes.solveVelocityIterations(iterations)
            } else {
                lanes.clear()
                first.island.solveVelocityIterations(iterations)
            }
        }
        for world in pending { world.finishStep() }
        pending.removeAll(keepingCapacity: true)
    }
}
