/// Anything that owns parameters under stable names.
///
/// Names are PyTorch's `state_dict` keys (`"0.weight"`, `"trunk.2.bias"`), so optimisers
/// enumerate parameters in a fixed order and checkpoints map one-to-one onto PyTorch
/// modules of the same architecture.
public protocol Module: AnyObject {
    /// Parameters with names relative to this module, in a fixed order.
    var namedParameters: [(name: String, parameter: Parameter)] { get }
}

extension Module {
    /// The parameters in `namedParameters` order.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }

    /// Total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Current parameter values by name (a copy).
    public func stateDictionary() -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (name, p) in namedParameters {
            out[name] = Tensor(shape: p.shape, scalars: p.value.scalars)
        }
        return out
    }

    /// Overwrites every parameter with the value of the same name; names and shapes must
    /// match exactly.
    public func loadStateDictionary(_ values: [String: Tensor]) throws(ParameterLoadingError) {
        let named = namedParameters
        for (name, p) in named {
            guard let v = values[name] else { throw ParameterLoadingError("no value for parameter '\(name)'") }
            guard v.shape == p.shape else {
                throw ParameterLoadingError("parameter '\(name)' has shape \(p.shape), the value has \(v.shape)")
            }
        }
        let known = Set(named.map(\.name))
        if let extra = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw ParameterLoadingError("'\(extra)' is not a parameter of this network")
        }
        for (name, p) in named {
            if let value = values[name] { p.assign(value.scalars) }
        }
    }
}

/// Parameter values that do not fit a network (missing, extra or wrongly shaped).
public struct ParameterLoadingError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A module that maps one tensor to one tensor: the unit a `Sequential` chains.
public protocol Layer: Module {
    func callAsFunction(_ input: Tensor) -> Tensor
}

extension Module {
    /// Names of a child's parameters prefixed with `prefix.`.
    public func prefixed(_ prefix: String, _ child: any Module) -> [(name: String, parameter: Parameter)] {
        child.namedParameters.map { ("\(prefix).\($0.name)", $0.parameter) }
    }
}
