import DSL

/// Gymnasium's `ClipAction`: continuous actions clipped to the box before they reach the
/// environment, so a policy's unbounded Gaussian samples are always valid.
public struct ClipAction<Base: Environment>: EnvironmentWrapper {
    public var base: Base
    private let bounds: Box
    var scratch: [Float]

    public init(_ base: Base) throws(EnvError) {
        guard case let .box(box) = base.actionSpace else {
            throw .invalidArgument("ClipAction needs a Box action space, got \(base.actionSpace)")
        }
        self.base = base
        bounds = box
        scratch = Array(repeating: 0, count: box.count)
    }

    /// Any finite action is accepted; Gymnasium widens the space to (−∞, ∞).
    public var actionSpace: ActionSpace {
        .box(Box(unchecked: Array(repeating: -.infinity, count: bounds.count), Array(repeating: .infinity, count: bounds.count)))
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        let values = try action.continuous(in: bounds)
        let bounds = self.bounds
        return try scratch.withUnsafeMutableBufferPointer { (clipped) throws(EnvError) -> StepOutcome in
            ActionTransforms.clip(values, low: bounds.low, high: bounds.high, into: clipped)
            return try base.step(.continuous(UnsafeBufferPointer(clipped)), into: observation)
        }
    }
}

/// Gymnasium's `RescaleAction`: the policy acts in `[minAction, maxAction]` and the
/// action is mapped affinely onto the environment's box (e.g. a tanh policy's [−1, 1]).
public struct RescaleAction<Base: Environment>: EnvironmentWrapper {
    public var base: Base
    public let transform: AffineActionTransform
    var scratch: [Float]

    public init(_ base: Base, minAction: Float, maxAction: Float) throws(EnvError) {
        guard case let .box(box) = base.actionSpace else {
            throw .invalidArgument("RescaleAction needs a Box action space, got \(base.actionSpace)")
        }
        self.base = base
        transform = try AffineActionTransform(box: box, minAction: minAction, maxAction: maxAction)
        scratch = Array(repeating: 0, count: box.count)
    }

    public var actionSpace: ActionSpace { .box(transform.space) }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<Base.ObservationScalar>
    ) throws(EnvError) -> StepOutcome {
        let values = try action.continuous(in: transform.space)
        let transform = self.transform
        return try scratch.withUnsafeMutableBufferPointer { (mapped) throws(EnvError) -> StepOutcome in
            transform.apply(values, into: mapped)
            return try base.step(.continuous(UnsafeBufferPointer(mapped)), into: observation)
        }
    }
}

/// Gymnasium's `rescale_box` inverse map: `(a − intercept) / gradient` in float32, from
/// `[minAction, maxAction]` onto a finite box.
public struct AffineActionTransform: Sendable, Equatable {
    /// The space the policy acts in.
    public let space: Box
    let gradient: [Float]
    let intercept: [Float]

    public init(box: Box, minAction: Float, maxAction: Float) throws(EnvError) {
        guard minAction.isFinite, maxAction.isFinite, minAction < maxAction else {
            throw .invalidArgument("RescaleAction needs finite min_action < max_action, got \(minAction), \(maxAction)")
        }
        guard box.low.allSatisfy(\.isFinite), box.high.allSatisfy(\.isFinite) else {
            throw .invalidArgument("RescaleAction needs a bounded action box, got \(box)")
        }
        var gradient: [Float] = [], intercept: [Float] = []
        for k in 0..<box.count {
            let g = Float((Double(maxAction) - Double(minAction)) / (Double(box.high[k]) - Double(box.low[k])))
            gradient.append(g)
            intercept.append(Float(Double(g * -box.low[k]) + Double(minAction)))
        }
        self.gradient = gradient
        self.intercept = intercept
        space = Box(unchecked: Array(repeating: minAction, count: box.count), Array(repeating: maxAction, count: box.count))
    }

    @inline(__always)
    package func apply(_ action: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) {
        for k in 0..<gradient.count { out[k] = (action[k] - intercept[k]) / gradient[k] }
    }
}

enum ActionTransforms {
    @inline(__always)
    static func clip(_ action: UnsafeBufferPointer<Float>, low: [Float], high: [Float], into out: UnsafeMutableBufferPointer<Float>) {
        for k in 0..<low.count { out[k] = min(max(action[k], low[k]), high[k]) }
    }
}
