import Zoo

/// The algorithms that ship with Zoo. The training issue fills this list as each plugin
/// (A2C, PPO, GRPO) lands; a user's own plugin registers the same way.
public enum BuiltinPlugins {
    /// Names of the built-in algorithm plugins.
    public static let names: [String] = []
}
