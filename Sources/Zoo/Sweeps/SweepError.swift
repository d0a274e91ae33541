/// A mistake in a sweep: one line saying what and where — in the sweep file (line,
/// column, key path), in its base recipe, or in the recipe one of its configurations
/// makes — which the command line prints before anything is trained, with exit status 2.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    /// The sweep file itself: unreadable, not YAML, an unknown key, a bad range.
    case invalid(RecipeError)
    /// The base recipe cannot be read or is invalid with the sweep's budget.
    case recipe(RecipeError)
    /// The base recipe rejects what configuration `configuration` sets (an unknown key, a
    /// value out of range); `error` is located at the space entry in the sweep file.
    case rejected(configuration: String, error: RecipeError)

    public var description: String {
        switch self {
        case .invalid(let error), .rejected(_, let error): error.description
        case .recipe(let error): "the sweep's recipe: \(error.description)"
        }
    }
}
