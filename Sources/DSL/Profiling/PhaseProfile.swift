import Synchronization

/// Where the time of a training step goes, by phase: the environment, the policy acting,
/// advantage estimation, minibatch assembly, forward passes, backward passes and the
/// optimiser. `zoo bench train` prints it; the trainer, the collectors and the DSL mark
/// their phases with `measure`.
///
/// Why a process-wide clock and not a parameter: phases are marked deep inside code that
/// knows nothing of a benchmark (an optimiser step, a collector's environment step), and
/// when no profile runs a mark costs one relaxed atomic load. The time between two marks
/// belongs to the phase entered at the first; nested marks return to the enclosing phase.
public enum PhaseProfile {
    /// A phase of training.
    public enum Phase: String, CaseIterable, Sendable {
        case environment, inference, collection, advantages, minibatches, forward, backward, optimizer, other

        /// What the phase covers, for the printed table.
        public var summary: String {
            switch self {
            case .environment: "stepping the environment copies (physics, wrappers)"
            case .inference: "the policy and critic acting during collection"
            case .collection: "the collector's own bookkeeping"
            case .advantages: "advantages and returns"
            case .minibatches: "drawing minibatch rows"
            case .forward: "forward passes and losses in updates"
            case .backward: "backward passes"
            case .optimizer: "clipping and optimiser steps"
            case .other: "everything else (logging, checkpoints, the trainer)"
            }
        }
    }

    private struct Clock {
        var phase = Phase.other
        var since = ContinuousClock.now
        var totals: [Phase: Duration] = [:]
    }

    private static let running = Atomic<Bool>(false)
    private static let clock = Mutex(Clock())

    /// Starts a profile (clearing any earlier one) in phase `.other`.
    public static func start() {
        clock.withLock { $0 = Clock() }
        running.store(true, ordering: .relaxed)
    }

    /// Stops the profile and returns the time spent in each phase.
    public static func stop() -> [Phase: Duration] {
        running.store(false, ordering: .relaxed)
        return clock.withLock { c in
            c.totals[c.phase, default: .zero] += ContinuousClock.now - c.since
            return c.totals
        }
    }

    /// Whether this task's marks are ignored: set inside `concurrently`, whose two
    /// computations run at once while the one clock follows the caller's phase.
    @TaskLocal @usableFromInline static var isMuted = false

    /// Runs `body` in `phase` (when a profile runs; otherwise just runs it).
    @inlinable @inline(__always)
    public static func measure<R, E: Error>(_ phase: Phase, _ body: () throws(E) -> R) throws(E) -> R {
        guard isRunning, !isMuted else { return try body() }
        let outer = switchTo(phase)
        defer { switchTo(outer) }
        return try body()
    }

    /// Whether a profile runs.
    @usableFromInline static var isRunning: Bool { running.load(ordering: .relaxed) }

    /// Closes the current phase's interval and enters `phase`; returns the phase left.
    @usableFromInline @discardableResult
    static func switchTo(_ phase: Phase) -> Phase {
        clock.withLock { c in
            let now = ContinuousClock.now
            c.totals[c.phase, default: .zero] += now - c.since
            let left = c.phase
            c.phase = phase
            c.since = now
            return left
        }
    }
}
