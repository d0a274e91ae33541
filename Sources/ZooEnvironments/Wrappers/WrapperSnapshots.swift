import ZooSupport

/// Snapshots of wrapped environments: each wrapper's own state (elapsed steps, episode
/// accumulators, running statistics, action scratch space) plus its base's full state.
///
/// Why here: a wrapper is a struct around its base, so copying it copies its own fields;
/// what needs care is that the base may hold reference-typed state (LunarLander's
/// world) and that the wrapper's arrays must not stay shared with the snapshot, or the
/// first step after a snapshot or restore would allocate. The configuration names the
/// wrapper's parameters and then its base's, so a snapshot taken under one time limit or
/// normalisation setting is refused by a stack built differently.
extension WrappingEnvironment {
    /// The wrapper's fields with an independent copy of its base and unshared arrays.
    public func independentCopy() -> Self {
        var copy = self
        copy.base = base.independentCopy()
        copy.unshareOwnState()
        return copy
    }

    public mutating func unshareOwnState() {}

    /// The wrapper's type name, then its base's configuration.
    public var snapshotConfiguration: String {
        let name = String(describing: Self.self).prefix { $0 != "<" }
        return "\(name) ∘ \(base.snapshotConfiguration)"
    }
}

extension TimeLimit {
    public var snapshotConfiguration: String {
        "TimeLimit(max_episode_steps: \(maxEpisodeSteps)) ∘ \(base.snapshotConfiguration)"
    }
}

extension RecordEpisodeStatistics {
    public mutating func unshareOwnState() {
        returnQueue = returnQueue.unsharedCopy()
        lengthQueue = lengthQueue.unsharedCopy()
        timeQueue = timeQueue.unsharedCopy()
    }

    public var snapshotConfiguration: String {
        "RecordEpisodeStatistics(buffer_length: \(returnQueue.capacity)) ∘ \(base.snapshotConfiguration)"
    }
}

extension NormalizeObservation {
    public mutating func unshareOwnState() {
        statistics = statistics.unsharedCopy()
    }

    public var snapshotConfiguration: String {
        "NormalizeObservation(epsilon: \(epsilon)) ∘ \(base.snapshotConfiguration)"
    }
}

extension NormalizeReward {
    public mutating func unshareOwnState() {
        statistics = statistics.unsharedCopy()
    }

    public var snapshotConfiguration: String {
        "NormalizeReward(gamma: \(gamma), epsilon: \(epsilon)) ∘ \(base.snapshotConfiguration)"
    }
}

extension ClipAction {
    public mutating func unshareOwnState() {
        scratch = scratch.unsharedCopy()
    }
}

extension RescaleAction {
    public mutating func unshareOwnState() {
        scratch = scratch.unsharedCopy()
    }

    public var snapshotConfiguration: String {
        "RescaleAction(min_action: \(transform.space.low.first ?? 0), max_action: \(transform.space.high.first ?? 0)) ∘ \(base.snapshotConfiguration)"
    }
}
