import Foundation

/// A fully connected layer `y = x·Wᵀ + b` with `W` shaped [out, in], as `torch.nn.Linear`.
public final class Linear: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let inputCount: Int
    public let outputCount: Int

    /// A layer initialised by `initializer` with draws from `random`.
    public init(_ inputCount: Int, _ outputCount: Int, bias: Bool = true,
                initializer: LinearInitializer = .pytorchDefault, random: inout SeededRandom) {
        precondition(inputCount > 0 && outputCount > 0, "Linear needs positive sizes, got \(inputCount)→\(outputCount)")
        self.inputCount = inputCount
        self.outputCount = outputCount
        let (w, b) = initializer.values(inputs: inputCount, outputs: outputCount, random: &random)
        weight = Parameter(Tensor(shape: [outputCount, inputCount], scalars: w))
        self.bias = bias ? Parameter(Tensor(shape: [outputCount], scalars: b)) : nil
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.linear(input, weight: weight.tensor, bias: bias?.tensor)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}

/// How a `Linear` layer's weights start.
public enum LinearInitializer: Sendable, Equatable {
    /// PyTorch's default: weight and bias uniform in ±1/√fan_in.
    case pytorchDefault
    /// Orthogonal weight scaled by `gain`, constant bias (CleanRL / Stable-Baselines3:
    /// √2 for hidden layers, 0.01 for a policy head, 1 for a value head).
    case orthogonal(gain: Float, bias: Float = 0)

    func values(inputs: Int, outputs: Int, random: inout SeededRandom) -> (weight: [Float], bias: [Float]) {
        switch self {
        case .pytorchDefault:
            let bound = 1 / Double(inputs).squareRoot()
            let w = (0..<(inputs * outputs)).map { _ in Float(random.uniform(-bound, bound)) }
            let b = (0..<outputs).map { _ in Float(random.uniform(-bound, bound)) }
            return (w, b)
        case .orthogonal(let gain, let bias):
            return (orthogonalMatrix(rows: outputs, columns: inputs, gain: gain, random: &random),
                    Array(repeating: bias, count: outputs))
        }
    }
}
