/// Gymnasium's hand-written LunarLander controller (`lunar_lander.heuristic`).
///
/// Why: it lands most of the time (mean return ≈ 250 without wind), so it is the
/// reference upper baseline for the seeds' recipes and a check that the environment's
/// physics and rewards behave like Gymnasium's. The arithmetic is float32 throughout,
/// as NumPy 2 evaluates the reference on a float32 observation (Python float constants
/// are cast to float32, comparisons included), so it picks the same action as the
/// reference for the same observation.
public struct LunarLanderHeuristic: Policy {
    /// Continuous actions (`[main, lateral]`) instead of the 4 discrete ones.
    public let continuous: Bool

    public init(continuous: Bool) {
        self.continuous = continuous
    }

    /// The controller's two targets: `(hoverTodo, angleTodo)`.
    @inlinable
    public static func todo(_ s: [Float]) -> (hover: Float, angle: Float) {
        var angleTarget = s[0] * 0.5 + s[2] * 1.0
        if angleTarget > 0.4 { angleTarget = 0.4 }
        if angleTarget < -0.4 { angleTarget = -0.4 }
        let hoverTarget = 0.55 * abs(s[0])
        var angleTodo = (angleTarget - s[4]) * 0.5 - s[5] * 1.0
        var hoverTodo = (hoverTarget - s[1]) * 0.5 - s[3] * 0.5
        if s[6] != 0 || s[7] != 0 {
            angleTodo = 0
            hoverTodo = -s[3] * 0.5
        }
        return (hoverTodo, angleTodo)
    }

    /// The discrete action: 2 (main) when hovering is most needed, else 3 or 1 to turn.
    @inlinable
    public static func discreteAction(_ s: [Float]) -> Int {
        let (hover, angle) = todo(s)
        if hover > abs(angle) && hover > 0.05 { return 2 }
        if angle < -0.05 { return 3 }
        if angle > 0.05 { return 1 }
        return 0
    }

    /// The continuous action `[main, lateral]`, clipped to [-1, 1].
    @inlinable
    public static func continuousAction(_ s: [Float]) -> [Float] {
        let (hover, angle) = todo(s)
        return [min(max(hover * 20 - 1, -1), 1), min(max(-angle * 20, -1), 1)]
    }

    public mutating func action(for observation: [Float]) -> Action {
        continuous ? .continuous(Self.continuousAction(observation)) : .discrete(Self.discreteAction(observation))
    }
}
