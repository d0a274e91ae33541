import DSL

/// The transitions an off-policy algorithm learns from: `(o, a, r, o', terminated)`
/// rows in a ring of fixed capacity, oldest overwritten first, sampled uniformly with
/// replacement (Stable-Baselines3's `ReplayBuffer`).
///
/// Truncation is handled as Stable-Baselines3 does with `handle_timeout_termination`:
/// only `terminated` stops bootstrapping, and `o'` of a truncated step is the episode's
/// real final observation, so a time limit does not look like a terminal state.
/// Reset transitions (next-step autoreset) are never stored. Actions are stored as the
/// environment received them (discrete indices as exact floats); image observations as
/// bytes.
///
/// The plugin owns its buffer (it samples from it in `update`) and hands it to its
/// `TransitionCollection`, which fills it; the buffer is part of the plugin's saved
/// state, so `--resume` continues with the same transitions.
public final class ReplayBuffer {
    public let capacity: Int
    public let observationWidth: Int
    public let actionWidth: Int
    /// How observations are stored (bytes for images).
    public let observationType: ScalarType
    /// Rows stored (≤ capacity).
    public private(set) var count = 0
    /// Where the next row goes.
    public private(set) var position = 0
    /// Environment steps the collector has taken while filling this buffer (all copies,
    /// reset transitions and warm-up included): the clock of ε and noise schedules and
    /// of `learning_starts`.
    public internal(set) var environmentSteps = 0
    private var observations: ObservationRows
    private var nextObservations: ObservationRows
    private var actions: [Float]
    private var rewards: [Float]
    private var terminated: [Float]

    public init(capacity: Int, observationWidth: Int, actionWidth: Int, observationType: ScalarType = .float32) {
        precondition(capacity > 0, "a replay buffer needs a positive capacity")
        self.capacity = capacity
        self.observationWidth = observationWidth
        self.actionWidth = actionWidth
        self.observationType = observationType
        observations = ObservationRows(width: observationWidth, type: observationType)
        nextObservations = ObservationRows(width: observationWidth, type: observationType)
        actions = []
        rewards = []
        terminated = []
    }

    /// The bytes a full buffer holds.
    public static func bytes(capacity: Int, observationWidth: Int, actionWidth: Int, observationType: ScalarType = .float32) -> Double {
        Double(capacity) * Double(2 * observationWidth * ObservationRows.bytesPerValue(observationType) + (actionWidth + 2) * 4)
    }

    /// Stores one transition (slices of length `observationWidth` / `actionWidth`).
    public func append(observation: ArraySlice<Float>, action: ArraySlice<Float>, reward: Float,
                       nextObservation: ArraySlice<Float>, terminated done: Bool) {
        let aw = actionWidth
        if count < capacity && position == count {
            // Growing: storage is allocated as it fills, so a large capacity costs nothing up front.
            observations.set(count, observation)
            nextObservations.set(count, nextObservation)
            actions.append(contentsOf: action)
            rewards.append(reward)
            terminated.append(done ? 1 : 0)
        } else {
            let p = position
            observations.set(p, observation)
            nextObservations.set(p, nextObservation)
            actions.replaceSubrange((p * aw)..<((p + 1) * aw), with: action)
            rewards[p] = reward
            terminated[p] = done ? 1 : 0
        }
        position = (position + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// `batchSize` rows drawn uniformly with replacement.
    public func sample(_ batchSize: Int, random: inout SeededRandom) -> ReplayBatch {
        precondition(count > 0, "sampling an empty replay buffer")
        let rows = (0..<batchSize).map { _ in random.nextInt(below: count) }
        return batch(rows)
    }

    /// The rows `indices`, in order.
    public func batch(_ indices: [Int]) -> ReplayBatch {
        let w = observationWidth, aw = actionWidth, n = indices.count
        var o = [Float](), next = [Float](), a = [Float](), r = [Float](), d = [Float]()
        o.reserveCapacity(n * w); next.reserveCapacity(n * w); a.reserveCapacity(n * aw)
        r.reserveCapacity(n); d.reserveCapacity(n)
        for i in indices {
            observations.append(i, to: &o)
            nextObservations.append(i, to: &next)
            a.append(contentsOf: actions[(i * aw)..<((i + 1) * aw)])
            r.append(rewards[i])
            d.append(terminated[i])
        }
        return ReplayBatch(observations: Tensor(shape: [n, w], scalars: o), actions: Tensor(shape: [n, aw], scalars: a),
                           rewards: Tensor(shape: [n], scalars: r), nextObservations: Tensor(shape: [n, w], scalars: next),
                           terminated: Tensor(shape: [n], scalars: d))
    }

    /// The buffer's contents and counters, for a checkpoint.
    public func save(into state: inout SavedState, prefix: String = "replay/") {
        state.set(prefix + "count", count)
        state.set(prefix + "position", position)
        state.set(prefix + "environment_steps", environmentSteps)
        state.tensors[prefix + "observations"] = observations.tensor
        state.tensors[prefix + "next_observations"] = nextObservations.tensor
        state.tensors[prefix + "actions"] = Tensor(shape: [count, actionWidth], scalars: actions)
        state.tensors[prefix + "rewards"] = Tensor(shape: [count], scalars: rewards)
        state.tensors[prefix + "terminated"] = Tensor(shape: [count], scalars: terminated)
    }

    /// Replaces the contents with those `save` stored.
    public func restore(from state: SavedState, prefix: String = "replay/") throws(SavedStateError) {
        let n = try state.int(prefix + "count"), p = try state.int(prefix + "position")
        let steps = try state.int(prefix + "environment_steps")
        guard (0...capacity).contains(n), (0..<capacity).contains(p), n == capacity || p == n, steps >= 0 else {
            throw .malformed(prefix + "count", "\(n) rows at position \(p) do not fit a buffer of \(capacity)")
        }
        observations.replace(with: try state.tensor(prefix + "observations", shape: [n, observationWidth]).scalars)
        nextObservations.replace(with: try state.tensor(prefix + "next_observations", shape: [n, observationWidth]).scalars)
        actions = try state.tensor(prefix + "actions", shape: [n, actionWidth]).scalars
        rewards = try state.tensor(prefix + "rewards", shape: [n]).scalars
        terminated = try state.tensor(prefix + "terminated", shape: [n]).scalars
        count = n
        position = p
        environmentSteps = steps
    }
}

/// A minibatch of transitions: observations and next observations [batch, width],
/// actions [batch, actionWidth] (discrete: one exact index per row), rewards and
/// terminated flags [batch].
public struct ReplayBatch {
    public let observations: Tensor
    public let actions: Tensor
    public let rewards: Tensor
    public let nextObservations: Tensor
    public let terminated: Tensor

    public init(observations: Tensor, actions: Tensor, rewards: Tensor, nextObservations: Tensor, terminated: Tensor) {
        self.observations = observations
        self.actions = actions
        self.rewards = rewards
        self.nextObservations = nextObservations
        self.terminated = terminated
    }
}
