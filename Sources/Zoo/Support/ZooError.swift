/// Everything a user can get wrong when running Zoo — a recipe, an environment
/// parameter, a file, a cluster submission — as one error type the command line prints in
/// one line and turns into exit status 2.
public enum ZooError: Error, CustomStringConvertible {
    case recipe(RecipeError)
    case environment(EnvError)
    case unsupported(String)
    case file(path: String, message: String)
    case resume(ResumeError)
    case slurm(SlurmError)

    public var description: String {
        switch self {
        case .recipe(let e): e.description
        case .environment(let e): "environment: \(e)"
        case .unsupported(let message): message
        case .file(let path, let message): "\(path): \(message)"
        case .resume(let e): e.description
        case .slurm(let e): e.description
        }
    }
}
