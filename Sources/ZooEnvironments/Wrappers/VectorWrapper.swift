/// The base of vector wrappers: forwards everything to the wrapped vector environment.
///
/// A subclass overrides `step(mask:)` / `reset(seeds:options:mask:)` (calling `super`)
/// and works on the shared buffers in place, so a stack of wrappers keeps one data path.
open class VectorWrapper: VectorEnvironment {
    public let env: any VectorEnvironment

    public init(wrapping env: any VectorEnvironment) {
        self.env = env
    }

    public var numEnvs: Int { env.numEnvs }
    public var autoresetMode: AutoresetMode { env.autoresetMode }
    open var singleObservationSpace: Box { env.singleObservationSpace }
    open var singleActionSpace: ActionSpace { env.singleActionSpace }
    public var buffers: VectorBuffers { env.buffers }
    open var actions: ActionBuffer { env.actions }
    open func info(_ i: Int) -> Info? { env.info(i) }
    open func finalInfo(_ i: Int) -> Info? { env.finalInfo(i) }

    /// Refuses autoreset modes the wrapper cannot work with (checked when it is built
    /// and again when a collector switches the mode before training starts).
    open func check(autoreset mode: AutoresetMode) throws(EnvError) {}

    open func reset(seeds: [Int?]?, options: ResetOptions, mask: [Bool]?) throws(EnvError) {
        try env.reset(seeds: seeds, options: options, mask: mask)
    }

    open func step(mask: [Bool]?) throws(EnvError) {
        try env.step(mask: mask)
    }

    /// A wrapper with per-copy state overrides both and adds its own layer.
    open func snapshot(copy i: Int) throws(EnvError) -> VectorCopySnapshot {
        try env.snapshot(copy: i)
    }

    open func restore(_ snapshot: VectorCopySnapshot, into copies: [Int]) throws(EnvError) {
        try env.restore(snapshot, into: copies)
    }
}
