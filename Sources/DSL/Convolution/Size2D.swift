/// A pair of sizes, height then width: the kernel, stride, padding or dilation of a 2-D
/// convolution or pooling window.
///
/// It exists so that square windows read as one number (`stride: 4`, via the integer
/// literal) while rectangular ones stay explicit (`Size2D(3, 1)`), as PyTorch's int-or-pair
/// arguments do.
public struct Size2D: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// The same size in both directions.
    public init(integerLiteral value: Int) {
        self.init(value, value)
    }

    public var description: String { height == width ? "\(height)" : "(\(height), \(width))" }
}
