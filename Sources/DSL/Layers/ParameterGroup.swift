/// Loose parameters presented as a module (a Gaussian policy's log-std, for example), so
/// that optimisers and checkpoints treat them like any network's.
public final class ParameterGroup: Module {
    public let namedParameters: [(name: String, parameter: Parameter)]

    public init(_ named: [(name: String, parameter: Parameter)]) {
        namedParameters = named
    }
}
