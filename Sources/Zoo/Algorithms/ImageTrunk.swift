import DSL

/// The convolutional front of a network that reads images, as a recipe describes it:
///
///     actor: {trunk: nature_cnn}
///     shared: {trunk: {conv: [{filters: 16, kernel: 3, stride: 2}, {filters: 32, kernel: 3, stride: 2}], features: 128}, scale: 0.00392156862745098}
///
/// Each convolution is followed by ReLU, then the features are flattened into a Linear
/// layer of `features` units and a ReLU — the Nature-DQN trunk's pattern, which
/// `nature_cnn` is (32×8×8/4, 64×4×4/2, 64×3×3/1, 512). Observations are scaled by `scale`
/// first (default 1/255 for uint8 images, as Stable-Baselines3 does; inside the first
/// convolution, no scaled copy).
public struct ImageTrunk: Sendable, Equatable {
    /// One convolution: output channels, square kernel, stride and zero padding.
    public struct Convolution: Sendable, Equatable {
        public var filters: Int
        public var kernel: Int
        public var stride: Int
        public var padding: Int
    }

    public var convolutions: [Convolution]
    public var features: Int
    public var scale: Float

    /// The Nature-DQN trunk (Mnih et al. 2015).
    public static func natureCNN(scale: Float) -> ImageTrunk {
        ImageTrunk(convolutions: [Convolution(filters: 32, kernel: 8, stride: 4, padding: 0),
                                  Convolution(filters: 64, kernel: 4, stride: 2, padding: 0),
                                  Convolution(filters: 64, kernel: 3, stride: 1, padding: 0)],
                   features: 512, scale: scale)
    }

    /// Reads `trunk:` (and the network's `scale:`) for observations described by `context`;
    /// a trunk on observations that are not images, or kernels that do not fit the image,
    /// is an error at the node.
    static func read(_ node: RecipeNode, scale scaleNode: RecipeNode?, context: AlgorithmContext) throws(RecipeError) -> ImageTrunk {
        guard let layout = ImageLayout(shape: context.observationShape) else {
            throw node.error("an image trunk needs image observations ([height, width], [height, width, channels], [channels, height, width] or [frames, height, width, channels]), got shape \(context.observationShape)")
        }
        var scale: Float = context.observationType == .uint8 ? 1 / 255 : 1
        if let scaleNode {
            let value = try scaleNode.double()
            guard value.isFinite, value > 0 else { throw scaleNode.error("scale must be a positive number, got \(value)") }
            scale = Float(value)
        }
        var trunk: ImageTrunk
        if let name = try? node.string() {
            guard name == "nature_cnn" else {
                throw node.error("unknown trunk '\(name)': use nature_cnn or {conv: [{filters, kernel, stride, padding}], features}")
            }
            trunk = .natureCNN(scale: scale)
        } else {
            let m = try node.mapping()
            var convolutions: [Convolution] = []
            for item in try m.required("conv").list() {
                let c = try item.mapping()
                convolutions.append(Convolution(filters: try c.int("filters", default: 32, in: 1...4096),
                                                kernel: try c.int("kernel", default: 3, in: 1...64),
                                                stride: try c.int("stride", default: 1, in: 1...64),
                                                padding: try c.int("padding", default: 0, in: 0...64)))
                try c.finish()
            }
            guard !convolutions.isEmpty else { throw node.error("conv needs at least one convolution") }
            trunk = ImageTrunk(convolutions: convolutions, features: try m.int("features", default: 512, in: 1...1 << 16), scale: scale)
            try m.finish()
        }
        var size = Size2D(layout.height, layout.width)
        for (k, c) in trunk.convolutions.enumerated() {
            guard c.kernel <= size.height + 2 * c.padding, c.kernel <= size.width + 2 * c.padding else {
                throw node.error("convolution \(k + 1) (kernel \(c.kernel)) does not fit its \(size.height)×\(size.width) input (image \(layout.height)×\(layout.width))")
            }
            size = Size2D((size.height + 2 * c.padding - c.kernel) / c.stride + 1, (size.width + 2 * c.padding - c.kernel) / c.stride + 1)
        }
        return trunk
    }

    /// The layers from flat observation rows `[batch, width]` to `[batch, features]`.
    func makeLayers(shape: [Int], orthogonal: Bool, random: inout SeededRandom) -> [any Layer] {
        guard let layout = ImageLayout(shape: shape) else { preconditionFailure("ImageTrunk on non-image shape \(shape)") }
        let initializer: LinearInitializer = orthogonal ? .orthogonal(gain: Float(2).squareRoot()) : .pytorchDefault
        var convolutional: [any Layer] = []
        var channels = layout.channels, size = Size2D(layout.height, layout.width)
        for c in convolutions {
            let conv = Conv2d(channels, c.filters, kernel: Size2D(c.kernel, c.kernel), stride: Size2D(c.stride, c.stride),
                              padding: Size2D(c.padding, c.padding), initializer: initializer, random: &random)
            size = conv.outputSize(for: size)
            channels = c.filters
            convolutional += [conv, ReLU()]
        }
        let flat = channels * size.height * size.width
        convolutional += [Flatten(), Linear(flat, features, initializer: initializer, random: &random), ReLU()]
        return [layout, Rescaled(by: scale, Sequential(convolutional))]
    }
}
