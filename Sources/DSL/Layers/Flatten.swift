/// Merges every axis from `startAxis` on into one, `torch.nn.Flatten` (default: keep the
/// batch axis). No copy: the result shares storage.
///
/// It exists to join a convolutional trunk ([batch, C, H, W]) to `Linear` layers
/// ([batch, C·H·W]) inside one `Sequential`.
public final class Flatten: Layer {
    public let startAxis: Int

    public init(startAxis: Int = 1) {
        self.startAxis = startAxis
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { input.flattened(fromAxis: startAxis) }
    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
}
