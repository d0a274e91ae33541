import DSL
import Physics2D

/// Gymnasium's `TimeLimit`: truncates an episode after `maxEpisodeSteps` steps.
///
/// The counter restarts on every reset; on the step where it reaches the limit the
/// outcome has `truncated = true` and `terminated` unchanged (both can be true). `make`
/// adds it for every registered id with a `max_episode_steps`.
public struct TimeLimit<Base: Environment>: EnvironmentWrapper {
    public var base: Base
    public let maxEpisodeSteps: Int
    /// Steps taken since the last reset.
    public private(set) var elapsedSteps = 0

    public init(_ base: Base, maxEpisodeSteps: Int) throws(EnvError) {
        guard maxEpisodeSteps > 0 else {
            throw .invalidArgument("TimeLimit max_episode_steps must be positive, got \(maxEpisodeSteps)")
        }
        self.base = base
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> Info? {
        elapsedSteps = 0
        return try base.reset(seed: seed, options: options, into: observation)
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        counted(try base.step(action, into: observation))
    }

    /// `outcome` of one more step: truncated when the limit is reached.
    private mutating func counted(_ outcome: StepOutcome) -> StepOutcome {
        var outcome = outcome
        elapsedSteps += 1
        if elapsedSteps >= maxEpisodeSteps { outcome.truncated = true }
        return outcome
    }
}

/// A time limit around an environment whose step is split around its world step splits
/// its own the same way (it counts the step when the step finishes), so that a vector
/// environment batches the worlds of time-limited copies too.
extension TimeLimit: WorldSteppingEnvironment where Base: WorldSteppingEnvironment {
    mutating func beginStep(_ action: ActionView, in batch: WorldBatch) throws(EnvError) {
        try base.beginStep(action, in: batch)
    }

    mutating func finishStep(
        into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        counted(try base.finishStep(into: observation))
    }
}

/// A time limit draws whatever its environment draws.
extension TimeLimit: RenderableEnvironment where Base: RenderableEnvironment {
    public func render() -> RGBFrame { base.render() }
}
