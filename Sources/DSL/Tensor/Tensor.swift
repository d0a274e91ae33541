/// An n-dimensional array of `Float` in row-major order that can record how it was
/// computed, so that gradients flow back through it.
///
/// `Tensor` is a value: operations return new tensors and never change their inputs.
/// Reshaping shares storage. When any input of an operation needs a gradient (it is a
/// `Parameter` or was computed from one) and gradient recording is on (see
/// `withoutGradient`), the result carries a node of the computation graph; `backward()`
/// on a scalar result walks that graph. Integer data (actions, indices) and masks are
/// stored as `Float` holding exact integers and 0/1: one element type keeps the DSL small.
public struct Tensor {
    /// Axis sizes, outermost first. A scalar has shape `[]`.
    public let shape: [Int]
    /// The elements (possibly shared with other tensors).
    public let storage: TensorStorage
    /// The graph node, if this tensor's gradient is tracked.
    let node: GradNode?

    init(shape: [Int], storage: TensorStorage, node: GradNode?) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor of `shape` over existing storage (no copy). `storage.count` must equal
    /// the product of `shape`: this is how environment buffers become tensors.
    public init(shape: [Int], sharing storage: TensorStorage) {
        precondition(Shape.count(shape) == storage.count,
                     "shape \(shape) needs \(Shape.count(shape)) elements, storage has \(storage.count)")
        self.init(shape: shape, storage: storage, node: nil)
    }

    /// A tensor with a copy of `scalars`, which must have as many elements as `shape`.
    public init(shape: [Int], scalars: [Float]) {
        precondition(Shape.count(shape) == scalars.count,
                     "shape \(shape) needs \(Shape.count(shape)) elements, got \(scalars.count)")
        self.init(shape: shape, storage: TensorStorage(copying: scalars), node: nil)
    }

    /// A rank-1 tensor of `scalars`.
    public init(_ scalars: [Float]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// A scalar (rank-0) tensor.
    public init(_ scalar: Float) {
        self.init(shape: [], storage: TensorStorage(repeating: scalar, count: 1), node: nil)
    }

    /// A tensor of `shape` filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Shape.count(shape)), node: nil)
    }

    /// Zeros of `shape`.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    /// Ones of `shape`.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Number of elements.
    @inlinable public var count: Int { storage.count }
    /// Number of axes.
    @inlinable public var rank: Int { shape.count }
    /// Whether gradients flow back through this tensor.
    public var requiresGradient: Bool { node != nil }

    /// A copy of the elements in row-major order.
    public var scalars: [Float] { Array(storage.buffer) }

    /// The only element of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item needs a one-element tensor, shape is \(shape)")
        return storage.pointer[0]
    }

    /// The element at a full multi-index.
    public subscript(indices: Int...) -> Float {
        precondition(indices.count == rank, "need \(rank) indices, got \(indices.count)")
        var offset = 0
        for (i, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[i], "index \(index) out of range for axis \(i) of size \(shape[i])")
            offset = offset * shape[i] + index
        }
        return storage.pointer[offset]
    }

    /// The same values with gradient tracking cut (`detach()` in PyTorch).
    public var detached: Tensor { Tensor(shape: shape, storage: storage, node: nil) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(16).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 16 ? ", …" : "")])"
    }
}
