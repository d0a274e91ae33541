/// Gymnasium's vector `ClipAction`: the learner writes unbounded actions into this
/// wrapper's own `actions` buffer (so its copy of the sampled actions stays intact for
/// log-probabilities) and each step clips them into the inner environment's buffer.
public final class VectorClipAction: VectorWrapper {
    private let bounds: Box
    private let ownActions: ActionBuffer

    public init(_ env: any VectorEnvironment) throws(EnvError) {
        guard case let .box(box) = env.singleActionSpace else {
            throw .invalidArgument("ClipAction needs a Box action space, got \(env.singleActionSpace)")
        }
        bounds = box
        let open = Box(unchecked: Array(repeating: -.infinity, count: box.count), Array(repeating: .infinity, count: box.count))
        ownActions = ActionBuffer(numEnvs: env.numEnvs, space: .box(open))
        super.init(wrapping: env)
    }

    public override var singleActionSpace: ActionSpace { ownActions.space }
    public override var actions: ActionBuffer { ownActions }

    public override func step(mask: [Bool]?) throws(EnvError) {
        try ownActions.validate(mask: nil)
        let width = bounds.count
        let target = env.actions.floats
        for i in 0..<numEnvs {
            ActionTransforms.clip(
                UnsafeBufferPointer(rebasing: ownActions.floats[i * width ..< (i + 1) * width]),
                low: bounds.low, high: bounds.high,
                into: UnsafeMutableBufferPointer(rebasing: target[i * width ..< (i + 1) * width]))
        }
        try super.step(mask: mask)
    }
}

/// Gymnasium's vector `RescaleAction`: actions in `[minAction, maxAction]` written to this
/// wrapper's `actions` are mapped affinely onto the inner environment's box each step.
public final class VectorRescaleAction: VectorWrapper {
    public let transform: AffineActionTransform
    private let ownActions: ActionBuffer

    public init(_ env: any VectorEnvironment, minAction: Float, maxAction: Float) throws(EnvError) {
        guard case let .box(box) = env.singleActionSpace else {
            throw .invalidArgument("RescaleAction needs a Box action space, got \(env.singleActionSpace)")
        }
        transform = try AffineActionTransform(box: box, minAction: minAction, maxAction: maxAction)
        ownActions = ActionBuffer(numEnvs: env.numEnvs, space: .box(transform.space))
        super.init(wrapping: env)
    }

    public override var singleActionSpace: ActionSpace { ownActions.space }
    public override var actions: ActionBuffer { ownActions }

    public override func step(mask: [Bool]?) throws(EnvError) {
        try ownActions.validate(mask: nil)
        let width = transform.space.count
        let target = env.actions.floats
        for i in 0..<numEnvs {
            transform.apply(
                UnsafeBufferPointer(rebasing: ownActions.floats[i * width ..< (i + 1) * width]),
                into: UnsafeMutableBufferPointer(rebasing: target[i * width ..< (i + 1) * width]))
        }
        try super.step(mask: mask)
    }
}
