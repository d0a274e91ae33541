/// Whether operations record the computation graph.
///
/// Rollouts, evaluation and optimiser updates compute with parameters but never need
/// their gradients; `withoutGradient` turns recording off for a region, which saves the
/// graph's memory and time. The flag is task-local, so concurrent tasks do not see each
/// other's regions.
public enum GradientMode {
    @TaskLocal static var isRecording = true

    /// Whether the current task records gradients.
    public static var isEnabled: Bool { isRecording }
}

/// Runs `body` with gradient recording off (`torch.no_grad()`).
public func withoutGradient<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.$isRecording.withValue(false, operation: body)
}
