import DSL

/// What a recipe's wrappers did to observations and actions while the agent trained,
/// replayed — with statistics frozen — when the trained agent acts on a bare environment
/// (`zoo eval`, `zoo play`). Without it an agent trained behind `normalize_observation`
/// would be judged on observations it never saw.
public struct AgentIO: Sendable {
    /// One `normalize_observation` layer's frozen statistics.
    public struct Normalizer: Sendable, Equatable {
        public let mean: [Float]
        public let variance: [Float]
        public let epsilon: Float
    }

    /// Applied in recipe order (innermost wrapper first), as during training.
    public var normalizers: [Normalizer] = []
    /// `rescale_action`: the agent's actions live in [min, max] and are mapped onto the
    /// environment's box.
    public var rescale: AffineActionTransform?
    /// The range the agent's continuous actions are clipped to before any rescaling.
    public var actionRange: (low: Float, high: Float)?

    /// No wrappers to replay.
    public static let identity = AgentIO()

    /// The observation the agent saw in training for the raw observation `x`.
    public func observation(_ x: [Float]) -> [Float] {
        var y = x
        for n in normalizers {
            for k in y.indices { y[k] = (y[k] - n.mean[k]) / (n.variance[k] + n.epsilon).squareRoot() }
        }
        return y
    }

    /// The action the environment receives for the agent's continuous action `a`,
    /// clipped as training clipped it (`box` is the environment's own space).
    public func action(_ a: [Float], box: Box) -> [Float] {
        guard let rescale, let range = actionRange else {
            return a.indices.map { min(max(a[$0], box.low[$0]), box.high[$0]) }
        }
        let clipped = a.map { min(max($0, range.low), range.high) }
        var out = [Float](repeating: 0, count: a.count)
        clipped.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in rescale.apply(src, into: dst) }
        }
        return out
    }

    /// The wrappers of `recipe` read from a checkpoint: normalisation statistics come
    /// from its agent part (`agent/normalize_observation/<n>/…`, every checkpoint since
    /// `best` carries them) or, in older checkpoints, from the resume state
    /// (`resume/wrapper/<k>/…`, outermost wrapper first).
    static func read(recipe: Recipe, contents: SafetensorsContents, checkpoint: String,
                     space: ActionSpace) throws(ZooError) -> AgentIO {
        let layers = recipe.env.wrappers.count
        return try make(recipe: recipe, space: space) { n, j throws(ZooError) in
            let k = layers - 1 - j
            guard let mean = (contents.tensors["agent/normalize_observation/\(n)/mean"] ?? contents.tensors["resume/wrapper/\(k)/mean"])?.scalars,
                  let variance = (contents.tensors["agent/normalize_observation/\(n)/variance"] ?? contents.tensors["resume/wrapper/\(k)/variance"])?.scalars else {
                throw .file(path: checkpoint, message: "has no observation-normalisation statistics for the recipe's normalize_observation wrapper; use the run's checkpoints/last.safetensors")
            }
            return Normalizer(mean: mean, variance: variance, epsilon: 1e-8)
        }
    }

    /// The wrappers of the environment `built` from `recipe` as they are now, their
    /// statistics copied (frozen): how the agent sees the world at this point of training.
    public static func frozen(_ built: BuiltEnvironment, recipe: Recipe) -> AgentIO {
        var live: [VectorNormalizeObservation] = []  // outermost first
        var layer: any VectorEnvironment = built.outer
        while let wrapper = layer as? VectorWrapper {
            if let normalize = wrapper as? VectorNormalizeObservation { live.append(normalize) }
            layer = wrapper.env
        }
        live.reverse()
        let io = try? make(recipe: recipe, space: built.base.singleActionSpace) { n, _ in
            Normalizer(mean: live[n].statistics.mean, variance: live[n].statistics.variance, epsilon: Float(live[n].epsilon))
        }
        return io ?? .identity
    }

    /// The recipe's wrappers in order, each `normalize_observation` (the n-th, at recipe
    /// position j) with the statistics `normalizer(n, j)` gives.
    private static func make(recipe: Recipe, space: ActionSpace,
                             normalizer: (Int, Int) throws(ZooError) -> Normalizer) throws(ZooError) -> AgentIO {
        var io = AgentIO()
        for (j, wrapper) in recipe.env.wrappers.enumerated() {
            switch wrapper {
            case .normalizeObservation:
                io.normalizers.append(try normalizer(io.normalizers.count, j))
            case .rescaleAction(let low, let high):
                guard case .box(let box) = space else { continue }
                do {
                    io.rescale = try AffineActionTransform(box: box, minAction: low, maxAction: high)
                } catch {
                    throw .environment(error)
                }
                io.actionRange = (low, high)
            case .clipAction, .normalizeReward, .observation:  // observation wrappers are inside the single environment
                continue
            }
        }
        return io
    }

    /// Adds the normalisation statistics to a checkpoint's agent part.
    func add(to contents: inout SafetensorsContents) {
        for (n, normalizer) in normalizers.enumerated() {
            contents.tensors["agent/normalize_observation/\(n)/mean"] = Tensor(shape: [normalizer.mean.count], scalars: normalizer.mean)
            contents.tensors["agent/normalize_observation/\(n)/variance"] = Tensor(shape: [normalizer.variance.count], scalars: normalizer.variance)
        }
    }
}
