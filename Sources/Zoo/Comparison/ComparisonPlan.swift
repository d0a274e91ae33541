import Foundation

/// What `zoo compare` runs: every recipe × seed (0…seeds−1) as its own training run in
/// `OUT/runs/<recipe name>/<seed>` (output in `OUT/logs/<recipe name>-<seed>.log`), with
/// the same budget for all.
///
/// Why a value of its own: the plan decides run directories and the `--set` overrides
/// of each run, and the resolved recipe text each finished run must carry for a rerun to
/// reuse it — so the rerun rule can be tested without starting any process.
public struct ComparisonPlan: Sendable {
    public let recipes: [RecipeEntry]
    public let seeds: Int
    /// The budget in environment steps, or nil for each recipe's own `train.steps`.
    public let steps: Int?
    public let outputDirectory: String
    public let jobs: [TrainingJob]

    /// Plans `recipePaths` × seeds `0..<seeds`; `output` defaults to
    /// `compare/<recipe names joined by "-vs-">`. Unreadable recipes and duplicate names
    /// are user errors.
    public init(recipePaths: [String], seeds: Int, steps: Int?, output: String?) throws(ZooError) {
        guard !recipePaths.isEmpty else { throw .unsupported("give at least one recipe to compare") }
        guard seeds > 0 else { throw .unsupported("--seeds must be positive, got \(seeds)") }
        if let steps, steps <= 0 { throw .unsupported("--steps must be positive, got \(steps)") }
        var entries: [RecipeEntry] = []
        for path in recipePaths {
            let (name, environment) = try Self.recipeNameAndEnvironment(path: path)
            if let other = entries.first(where: { $0.name == name }) {
                throw .unsupported("\(path) and \(other.path) are both named '\(name)': give one a different `name:`")
            }
            entries.append(RecipeEntry(name: name, path: path, environment: environment))
        }
        let out = output ?? "compare/" + entries.map(\.name).joined(separator: "-vs-")
        var jobs: [TrainingJob] = []
        for entry in entries {
            for seed in 0..<seeds {
                let directory = "\(out)/runs/\(entry.name)/\(seed)"
                var overrides = ["train.seed=\(seed)"]
                if let steps { overrides.append("train.steps=\(steps)") }
                overrides.append("output.dir=\(directory)")
                do {
                    jobs.append(try TrainingJob(recipe: entry, seed: seed, directory: directory, overrides: overrides,
                                                log: "\(out)/logs/\(entry.name)-\(seed).log"))
                } catch {
                    throw .recipe(error)
                }
            }
        }
        recipes = entries
        self.seeds = seeds
        self.steps = steps
        outputDirectory = out
        self.jobs = jobs
    }

    /// The recipe's `name` key (else its file name without extension) and `env.id`.
    static func recipeNameAndEnvironment(path: String) throws(ZooError) -> (String, String?) {
        let document: RecipeDocument
        do {
            document = try RecipeDocument(contentsOf: path)
        } catch {
            throw .recipe(error)
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do throws(RecipeError) {
            let name = try document.root.mapping().string("name", default: stem)
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw document.root.error("the recipe name '\(name)' cannot name a directory")
            }
            let environment = try? document.root.mapping().optional("env")?.mapping().optional("id")?.string()
            return (name, environment ?? nil)
        } catch {
            throw .recipe(error)
        }
    }
}
