/// The full state of one copy of a vector environment: the environment itself, its row
/// of the shared buffers, its pending autoreset, and the per-copy state of every vector
/// wrapper around it.
///
/// Why it exists: GRPO starts a group's generations from one mid-episode state. A
/// learner snapshots the copy that reached that state (`snapshot(copy:)`) and restores it
/// into the group's other copies (`restore(_:into:)`); from then on, equal actions give
/// equal rows, rewards and flags in every restored copy, bit for bit. Opaque, immutable
/// and `Sendable`; restoring it any number of times is allowed.
public struct VectorCopySnapshot: Sendable {
    /// The copy's environment (its configuration names what it may be restored into).
    public let environment: EnvironmentSnapshot
    /// The copy's observation row as the learner last saw it (bytes as exact floats).
    public let observation: [Float]
    let reward: Float
    let terminated: Bool
    let truncated: Bool
    let hasFinal: Bool
    let finalObservation: [Float]
    let pendingReset: Bool
    let info: Info?
    let finalInfo: Info?
    /// The copy's recorded episode, when the vector environment records episodes.
    let episode: EpisodeLog.Episode?
    /// Per-copy state of the vector wrappers, innermost first; each wrapper appends its
    /// own on `snapshot(copy:)` and takes it off again on `restore(_:into:)`.
    var layers: [any Sendable] = []
}

extension VectorEnvironment {
    /// Checks a copy index for `snapshot(copy:)` / `restore(_:into:)`.
    func validateCopyIndex(_ i: Int) throws(EnvError) {
        guard (0..<numEnvs).contains(i) else {
            throw .invalidArgument("copy index \(i) is out of range: the vector environment has \(numEnvs) copies")
        }
    }

    /// Restores `snapshot` into every copy (GRPO's shared start for a whole batch).
    public func restoreAll(_ snapshot: VectorCopySnapshot) throws(EnvError) {
        try restore(snapshot, into: Array(0..<numEnvs))
    }
}

extension VectorEnv {
    public func snapshot(copy i: Int) throws(EnvError) -> VectorCopySnapshot {
        try validateCopyIndex(i)
        return VectorCopySnapshot(
            environment: envs[i].snapshot(),
            observation: buffers.rowValues(i),
            reward: buffers.rewards[i], terminated: buffers.terminated[i], truncated: buffers.truncated[i],
            hasFinal: buffers.hasFinal[i], finalObservation: buffers.rowValues(i, final: true),
            pendingReset: pendingReset[i], info: infos[i], finalInfo: finalInfos[i],
            episode: episodeLog.map { $0.episodes[i] })
    }

    public func restore(_ snapshot: VectorCopySnapshot, into copies: [Int]) throws(EnvError) {
        guard snapshot.layers.isEmpty else {
            throw .invalidArgument("the snapshot was taken through \(snapshot.layers.count) vector wrapper(s) more than this vector environment has: restore it through the same wrapper stack")
        }
        guard snapshot.observation.count == buffers.observationWidth else {
            throw .invalidArgument("the snapshot has \(snapshot.observation.count) observation values, this vector environment \(buffers.observationWidth)")
        }
        // Everything that can fail happens before any copy changes.
        var restored: [any Environment] = []
        for i in copies {
            try validateCopyIndex(i)
            var env = envs[i]
            try env.restore(snapshot.environment)
            restored.append(env)
        }
        for (i, env) in zip(copies, restored) {
            envs[i] = env
            buffers.setRow(i, to: snapshot.observation)
            buffers.setRow(i, final: true, to: snapshot.finalObservation)
            buffers.rewards[i] = snapshot.reward
            buffers.terminated[i] = snapshot.terminated
            buffers.truncated[i] = snapshot.truncated
            buffers.hasFinal[i] = snapshot.hasFinal
            pendingReset[i] = snapshot.pendingReset
            infos[i] = snapshot.info
            finalInfos[i] = snapshot.finalInfo
            if let log = episodeLog, let episode = snapshot.episode { log.set(i, to: episode) }
        }
    }
}

extension VectorWrapper {
    /// Pops this wrapper's own layer of per-copy state off `snapshot`: the layer (of type
    /// `State`) and the snapshot to hand to the wrapped environment.
    func ownLayer<State>(_ snapshot: VectorCopySnapshot, as _: State.Type) throws(EnvError) -> (State, VectorCopySnapshot) {
        var inner = snapshot
        guard let state = inner.layers.popLast() as? State else {
            throw .invalidArgument("the snapshot was not taken through a \(type(of: self)) at this place of the wrapper stack: restore it through the same wrapper stack")
        }
        return (state, inner)
    }
}
