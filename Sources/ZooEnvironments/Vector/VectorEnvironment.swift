/// A batch of environment copies stepped together: what learners collect rollouts from.
///
/// The protocol exists so that vector wrappers (`VectorRecordEpisodeStatistics`,
/// `VectorNormalizeObservation`, …) compose over `VectorEnv` and over each other. Every
/// implementation shares the same data path: the learner writes `actions`, calls
/// `step(mask:)`, and reads `buffers` in place.
public protocol VectorEnvironment: AnyObject {
    var numEnvs: Int { get }
    var autoresetMode: AutoresetMode { get }
    var singleObservationSpace: Box { get }
    var singleActionSpace: ActionSpace { get }
    /// Observations, rewards, flags and final observations of the latest call.
    var buffers: VectorBuffers { get }
    /// Where the learner writes the next actions.
    var actions: ActionBuffer { get }
    /// Copy `i`'s info from the latest step or reset (`nil` for none).
    func info(_ i: Int) -> Info?
    /// `sameStep`: copy `i`'s info from the step that ended its episode (present where
    /// `buffers.hasFinal[i]`).
    func finalInfo(_ i: Int) -> Info?
    /// Resets the copies selected by `mask` (all when `nil`), copy `i` with `seeds[i]`
    /// (`nil` keeps its stream; `seeds == nil` means no seeds).
    func reset(seeds: [Int?]?, options: ResetOptions, mask: [Bool]?) throws(EnvError)
    /// Steps every copy whose `mask` entry is true (all when `nil`) with the actions in
    /// `actions`.
    func step(mask: [Bool]?) throws(EnvError)
    /// The full state of copy `i` (see `VectorCopySnapshot`). Allocates; stepping
    /// afterwards does not.
    func snapshot(copy i: Int) throws(EnvError) -> VectorCopySnapshot
    /// Puts every copy in `copies` into the state `snapshot` holds — environment, buffer
    /// row, flags, pending autoreset, wrapper per-copy state — so that the next step of
    /// each continues as the snapshotted copy's did. Checks everything before changing
    /// anything: a wrong index or a snapshot of another configuration or wrapper stack
    /// throws and leaves every copy as it was.
    func restore(_ snapshot: VectorCopySnapshot, into copies: [Int]) throws(EnvError)
}

extension VectorEnvironment {
    /// Gymnasium's `envs.reset(seed=s)`: copy `i` is seeded with `s + i`; `nil` keeps
    /// every copy's stream.
    public func reset(seed: Int? = nil, options: ResetOptions = .none, mask: [Bool]? = nil) throws(EnvError) {
        try reset(seeds: seed.map { s in (0..<numEnvs).map { s &+ $0 } }, options: options, mask: mask)
    }

    /// Steps all copies (or those in `mask`) with the actions already in `actions`.
    public func step() throws(EnvError) {
        try step(mask: nil)
    }

    /// Copies integer actions into the actions buffer, then steps.
    public func step(_ actions: [Int], mask: [Bool]? = nil) throws(EnvError) {
        try self.actions.set(actions)
        try step(mask: mask)
    }

    /// Copies float actions (row-major) into the actions buffer, then steps.
    public func step(continuous actions: [Float], mask: [Bool]? = nil) throws(EnvError) {
        try self.actions.set(actions)
        try step(mask: mask)
    }
}

/// Checks a reset mask: one entry per copy, at least one true.
func validateResetMask(_ mask: [Bool]?, numEnvs: Int) throws(EnvError) {
    guard let mask else { return }
    guard mask.count == numEnvs else { throw .resetMaskLength(expected: numEnvs, got: mask.count) }
    guard mask.contains(true) else { throw .resetMaskEmpty }
}

/// Checks a step mask: one entry per copy.
func validateStepMask(_ mask: [Bool]?, numEnvs: Int) throws(EnvError) {
    if let mask, mask.count != numEnvs { throw .stepMaskLength(expected: numEnvs, got: mask.count) }
}

/// One info key across all copies, as Gymnasium batches it: `values[i]` for copy `i` and
/// the presence mask `mask` (Gymnasium's `info["_key"]`).
public struct BatchedInfo: Sendable, Equatable {
    public var values: [InfoValue?]
    public var mask: [Bool]
}

extension VectorEnvironment {
    /// Gymnasium's batched `info[key]` / `info["_key"]` for the latest step or reset.
    public func batchedInfo(_ key: String) -> BatchedInfo {
        let values = (0..<numEnvs).map { info($0)?[key] }
        return BatchedInfo(values: values, mask: values.map { $0 != nil })
    }

    /// Gymnasium's batched `info["final_info"][key]` (`sameStep`).
    public func batchedFinalInfo(_ key: String) -> BatchedInfo {
        let values = (0..<numEnvs).map { buffers.hasFinal[$0] ? finalInfo($0)?[key] : nil }
        return BatchedInfo(values: values, mask: values.map { $0 != nil })
    }
}
