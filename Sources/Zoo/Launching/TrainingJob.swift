import Foundation

/// A recipe file taking part in a comparison or a sweep, under the name its runs are
/// filed by (`OUT/runs/<name>/<seed>`).
///
/// Why a value of its own: reports group runs by it, and a sweep files each configuration
/// of one base recipe under a name of its own.
public struct RecipeEntry: Sendable, Equatable {
    /// The recipe's `name` for a comparison, the configuration's name (`c03`) for a sweep.
    public let name: String
    public let path: String
    /// The recipe's `env.id` (for the reward threshold), if it names one.
    public let environment: String?

    public init(name: String, path: String, environment: String?) {
        self.name = name
        self.path = path
        self.environment = environment
    }
}

/// One planned training run: `zoo train RECIPE --set …` into a directory of its own.
///
/// Why: comparisons and sweeps plan their runs as these, and every backend (local
/// processes, a Slurm job array) runs them by the same rules, so that the rerun rule and
/// the reports do not depend on where the runs executed.
public struct TrainingJob: Sendable, Equatable {
    public let recipe: RecipeEntry
    public let seed: Int
    /// The run directory.
    public let directory: String
    /// The `--set` overrides passed to `zoo train`.
    public let overrides: [String]
    /// The recipe text `zoo train` writes into the run directory (overrides applied):
    /// a finished run with exactly this text is reused.
    public let resolvedRecipe: String
    /// The file the run's output goes to.
    public let log: String

    /// The job for `recipe` with `overrides`, whose last must set `output.dir`; a recipe
    /// the overrides break is a user error.
    public init(recipe: RecipeEntry, seed: Int, directory: String, overrides: [String], log: String) throws(RecipeError) {
        self.recipe = recipe
        self.seed = seed
        self.directory = directory
        self.overrides = overrides
        self.log = log
        resolvedRecipe = try RecipeDocument(contentsOf: recipe.path, overrides: overrides).text
    }

    /// Where a backend records what happened to the run (`RunOutcome.Record`): the log's
    /// path with the extension `.outcome`.
    public var outcomeFile: String {
        (log as NSString).deletingPathExtension + ".outcome"
    }

    /// The `zoo train` arguments that start the run from scratch, or (`resume`) continue
    /// its directory with the job's recipe — the same run with a larger `train.steps`
    /// when the directory holds a shorter one.
    public func trainArguments(resume: Bool) -> [String] {
        ["train", recipe.path] + overrides.flatMap { ["--set", $0] } + (resume ? ["--resume", directory] : [])
    }
}
