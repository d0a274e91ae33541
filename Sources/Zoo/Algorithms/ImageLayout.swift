import DSL

/// The layer that turns flat observation rows `[batch, width]` into the `[batch,
/// channels, height, width]` images a convolution reads, from the observation's shape:
///
/// - `[height, width]` (grey frames): one channel;
/// - `[height, width, c]` with c ≤ 4 (rendered RGB, Gymnasium's layout): channels moved first;
/// - `[c, height, width]` (stacked grey frames): as is;
/// - `[frames, height, width, c]` (stacked RGB frames): frames × c channels.
///
/// It exists so that environments keep Gymnasium's image layouts and networks still get
/// channels first, as Stable-Baselines3's `VecTransposeImage` arranges.
public final class ImageLayout: Layer {
    public let channels: Int
    public let height: Int
    public let width: Int
    /// The observation's shape.
    public let shape: [Int]

    /// The layout of observations of `shape`, nil when they are not images.
    public init?(shape: [Int]) {
        let dimensions: (Int, Int, Int)
        switch shape.count {
        case 2: dimensions = (1, shape[0], shape[1])
        case 3 where shape[2] <= 4: dimensions = (shape[2], shape[0], shape[1])
        case 3: dimensions = (shape[0], shape[1], shape[2])
        case 4 where shape[3] <= 4: dimensions = (shape[0] * shape[3], shape[1], shape[2])
        default: return nil
        }
        guard dimensions.1 > 1, dimensions.2 > 1 else { return nil }
        (channels, height, width) = dimensions
        self.shape = shape
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let batch = input.shape[0]
        switch shape.count {
        case 3 where shape[2] <= 4:
            return input.reshaped([batch] + shape).permuted([0, 3, 1, 2])
        case 4:
            return input.reshaped([batch] + shape).permuted([0, 1, 4, 2, 3]).reshaped([batch, channels, height, width])
        default:
            return input.reshaped([batch, channels, height, width])
        }
    }

    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
}
