/// A shared trunk feeding several named heads — the actor-critic network with one body
/// and policy and value outputs. Parameters are named `trunk.…` and `heads.<name>.…`.
///
///     let net = MultiHeadNetwork(trunk: Sequential.mlp([8, 64, 64], …)) {
///         ("policy", Linear(64, 4, random: &random))
///         ("value", Linear(64, 1, random: &random))
///     }
///     let out = net(observations)
///     let logits = out["policy"], values = out["value"]
public final class MultiHeadNetwork: Module {
    public let trunk: any Layer
    public let heads: [(name: String, layer: any Layer)]

    public init(trunk: any Layer, @HeadBuilder heads: () -> [(name: String, layer: any Layer)]) {
        self.trunk = trunk
        self.heads = heads()
        precondition(Set(self.heads.map(\.name)).count == self.heads.count, "head names must be unique")
    }

    /// Every head's output for `input`, computing the trunk once.
    public func callAsFunction(_ input: Tensor) -> HeadOutputs {
        let features = trunk(input)
        return HeadOutputs(outputs: heads.map { ($0.name, $0.layer(features)) })
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        prefixed("trunk", trunk) + heads.flatMap { prefixed("heads.\($0.name)", $0.layer) }
    }
}

/// Builds the named heads of a `MultiHeadNetwork`.
@resultBuilder
public enum HeadBuilder {
    public static func buildExpression(_ head: (String, any Layer)) -> [(name: String, layer: any Layer)] {
        [(head.0, head.1)]
    }
    public static func buildBlock(_ parts: [(name: String, layer: any Layer)]...) -> [(name: String, layer: any Layer)] {
        parts.flatMap { $0 }
    }
}

/// The outputs of a `MultiHeadNetwork`, by head name.
public struct HeadOutputs {
    let outputs: [(String, Tensor)]

    /// The named head's output. The name must be one of the network's heads.
    public subscript(_ name: String) -> Tensor {
        guard let hit = outputs.first(where: { $0.0 == name }) else {
            preconditionFailure("no head named '\(name)'; heads are \(outputs.map(\.0))")
        }
        return hit.1
    }
}
