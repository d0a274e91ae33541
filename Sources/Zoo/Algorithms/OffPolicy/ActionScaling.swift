import DSL

/// The map between a `Box` action space and [−1, 1], where tanh-bounded actors act and
/// critics see actions (Stable-Baselines3's `scale_action` / `unscale_action`).
public struct ActionScaling: Sendable {
    public let low: [Float], high: [Float]

    /// The scaling for `space`, which must be a bounded `Box`; a recipe error otherwise.
    public init(_ space: ActionSpace, at node: RecipeNode, algorithm: String) throws(RecipeError) {
        guard case .box(let box) = space, box.low.allSatisfy(\.isFinite), box.high.allSatisfy(\.isFinite) else {
            throw node.error("\(algorithm) needs a bounded continuous (Box) action space; \(space) is not (use dqn for discrete actions)")
        }
        low = box.low
        high = box.high
    }

    public var width: Int { low.count }

    /// Environment actions [batch, width] → [−1, 1].
    public func scale(_ actions: Tensor) -> Tensor {
        map(actions) { a, lo, hi in 2 * (a - lo) / (hi - lo) - 1 }
    }

    /// [−1, 1] → environment actions [batch, width].
    public func unscale(_ actions: Tensor) -> Tensor {
        map(actions) { a, lo, hi in lo + 0.5 * (a + 1) * (hi - lo) }
    }

    private func map(_ actions: Tensor, _ f: (Float, Float, Float) -> Float) -> Tensor {
        let v = actions.scalars, w = width
        return Tensor(shape: actions.shape, scalars: v.indices.map { k in f(v[k], low[k % w], high[k % w]) })
    }
}
