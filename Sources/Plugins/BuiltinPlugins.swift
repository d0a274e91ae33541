import Zoo

/// The algorithms that ship with Zoo. `registerAll()` adds them to the shared registry;
/// a user's own plugin registers the same way with `AlgorithmRegistry.shared.register`.
public enum BuiltinPlugins {
    /// The built-in algorithm types.
    public static let all: [any Algorithm.Type] = [A2C.self, PPO.self, GRPO.self, DQN.self, SAC.self, TD3.self, REINFORCE.self]

    /// Registers every built-in algorithm.
    public static func registerAll(in registry: AlgorithmRegistry = .shared) {
        for type in all { registry.register(type) }
    }
}
