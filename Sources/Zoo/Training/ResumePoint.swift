import Foundation
import Yams

/// Why a run cannot be resumed: one message naming the run directory or checkpoint and
/// what is wrong; the command line prints it and exits with status 2.
public enum ResumeError: Error, Equatable, CustomStringConvertible {
    /// The directory does not exist.
    case noRunDirectory(String)
    /// The directory has no `checkpoints/last.safetensors`.
    case noCheckpoint(directory: String)
    /// The checkpoint file is unreadable or not a valid safetensors file.
    case checkpoint(CheckpointError)
    /// A valid checkpoint without resume state: `reason` is what its writer recorded
    /// (e.g. an algorithm whose runs cannot resume yet), nil for a Zoo without --resume.
    case notResumable(path: String, reason: String?)
    /// A file of the run other than the checkpoint is not as the run left it.
    case runFileChanged(path: String, reason: String)
    /// The checkpoint is readable but its recipe or resume state is not what Zoo writes.
    case corrupt(path: String, reason: String)
    /// The recipe given differs from the run's somewhere other than the training budget.
    case recipeMismatch(directory: String, keyPath: String, run: String, given: String)
    /// The run has already spent the (possibly raised) budget.
    case budgetSpent(directory: String, updates: Int, envSteps: Int)
    /// The run stopped because its mean return reached `train.target_return`.
    case targetReached(directory: String, meanReturn: Double)
    /// Replaying the environment copies' episodes failed.
    case environment(path: String, EnvError)

    public var description: String {
        switch self {
        case .noRunDirectory(let directory):
            return "cannot resume \"\(directory)\": no such run directory"
        case .noCheckpoint(let directory):
            return "cannot resume \"\(directory)\": it has no checkpoints/last.safetensors (the run stopped before saving one, or this is not a run directory)"
        case .checkpoint(let error):
            return "cannot resume: \(error)"
        case .notResumable(let path, let reason):
            return "cannot resume from \"\(path)\": the checkpoint holds no resume state (\(reason ?? "it was written by a Zoo without --resume")); train the recipe again instead"
        case .runFileChanged(let path, let reason):
            return "cannot resume: \"\(path)\" \(reason)"
        case .corrupt(let path, let reason):
            return "cannot resume from \"\(path)\": the checkpoint is corrupt: \(reason)"
        case .recipeMismatch(let directory, let keyPath, let run, let given):
            return "cannot resume \"\(directory)\": the recipe differs from the run's at \(keyPath) (run: \(run), given: \(given)); only train.steps, train.updates and train.kernel_threads may change"
        case .budgetSpent(let directory, let updates, let envSteps):
            return "cannot resume \"\(directory)\": the run already spent its budget (\(updates) updates, \(envSteps) environment steps); raise train.steps or train.updates, e.g. --set train.updates=\(updates * 2)"
        case .targetReached(let directory, let mean):
            return "cannot resume \"\(directory)\": the run already reached its target return (mean \(mean))"
        case .environment(let path, let error):
            return "cannot resume from \"\(path)\": replaying the environment copies failed: \(error)"
        }
    }
}

/// A stopped run, ready to continue: its directory, its `last` checkpoint and the resume
/// state in it. `zoo train [RECIPE] --resume RUN_DIR` opens one, checks the recipe
/// against it with `prepare(_:)`, builds a `Trainer`, calls `Trainer.resume(from:)` and
/// continues the run's files with `RunRecorder(recipe:resuming:)`.
public struct ResumePoint {
    /// The run directory.
    public let directory: String
    /// `checkpoints/last.safetensors` inside it.
    public let checkpointPath: String
    let contents: SafetensorsContents
    let state: TrainingState

    /// Updates done when the checkpoint was written.
    public var updates: Int { state.updates }
    /// Environment steps taken when the checkpoint was written.
    public var envSteps: Int { state.envSteps }
    /// The run's recipe name.
    public var recipeName: String { state.recipeName }

    /// Opens `directory`'s last checkpoint and its resume state.
    public static func open(_ directory: String) throws(ResumeError) -> ResumePoint {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noRunDirectory(directory)
        }
        let path = "\(directory)/checkpoints/last.safetensors"
        guard FileManager.default.fileExists(atPath: path) else { throw .noCheckpoint(directory: directory) }
        let contents: SafetensorsContents
        do {
            contents = try AgentCheckpoint.read(path: path)
        } catch {
            throw .checkpoint(error)
        }
        guard let state = try TrainingState.read(contents, path: path) else {
            throw .notResumable(path: path, reason: contents.metadata[TrainingState.unsupportedKey])
        }
        guard contents.metadata["recipe"] != nil else { throw .corrupt(path: path, reason: "it records no recipe") }
        guard contents.metadata["updates"] == String(state.updates), contents.metadata["env_steps"] == String(state.envSteps) else {
            throw .corrupt(path: path, reason: "its update and step counts disagree with its resume state")
        }
        return ResumePoint(directory: directory, checkpointPath: path, contents: contents, state: state)
    }

    /// What `zoo train [RECIPE] --resume RUN_DIR` continues: the run in `directory` and
    /// the recipe at `recipePath` (the run's own when `nil`) with `overrides`, checked
    /// against the run and pointed at its directory.
    public static func resolve(directory: String, recipePath: String?, overrides: [String] = [])
        throws(ZooError) -> (point: ResumePoint, recipe: Recipe) {
        let point: ResumePoint
        do { point = try open(directory) } catch { throw .resume(error) }
        let given: Recipe
        if let recipePath {
            do { given = try Recipe.load(path: recipePath, overrides: overrides) } catch { throw .recipe(error) }
        } else {
            given = try point.runRecipe(overrides: overrides)
        }
        do { return (point, try point.prepare(given)) } catch { throw .resume(error) }
    }

    /// The run's own recipe (`recipe.yaml` in the run directory, or the one recorded in
    /// the checkpoint if that file is gone) with `--set` overrides.
    public func runRecipe(overrides: [String] = []) throws(ZooError) -> Recipe {
        let file = "\(directory)/recipe.yaml"
        do {
            let document = FileManager.default.fileExists(atPath: file)
                ? try RecipeDocument(contentsOf: file, overrides: overrides)
                : try RecipeDocument(text: contents.metadata["recipe"] ?? "", file: checkpointPath, overrides: overrides)
            return try Recipe(document: document, defaultName: state.recipeName)
        } catch {
            throw .recipe(error)
        }
    }

    /// Checks that `recipe` may continue this run — the same as the run's recipe except
    /// for `train.steps`, `train.updates`, `train.kernel_threads` and `output.dir`, with budget left and the target return not
    /// yet reached — and returns it with its outputs pointed at the run directory.
    public func prepare(_ recipe: Recipe) throws(ResumeError) -> Recipe {
        let runText = contents.metadata["recipe"] ?? ""
        let run: RecipeTree, given: RecipeTree
        do {
            run = try RecipeTree.comparable(runText)
        } catch {
            throw .corrupt(path: checkpointPath, reason: "its recipe is not YAML: \(error)")
        }
        do {
            given = try RecipeTree.comparable(recipe.text)
        } catch {
            throw .corrupt(path: checkpointPath, reason: "the recipe is not YAML: \(error)")
        }
        if let difference = RecipeTree.firstDifference(run, given) {
            throw .recipeMismatch(directory: directory, keyPath: difference.keyPath, run: difference.run, given: difference.given)
        }
        var resumed = recipe
        resumed.name = state.recipeName
        resumed.output.directory = directory
        if state.envSteps >= recipe.train.steps || state.updates >= (recipe.train.updates ?? Int.max) {
            throw .budgetSpent(directory: directory, updates: state.updates, envSteps: state.envSteps)
        }
        if let target = recipe.train.targetReturn, state.recentReturns.count >= recipe.train.window {
            let returns = state.recentReturns.compactMap(ExactText.double)
            let mean = returns.reduce(0, +) / Double(max(returns.count, 1))
            if mean >= target { throw .targetReached(directory: directory, meanReturn: mean) }
        }
        return resumed
    }
}

/// A recipe's YAML as a comparable tree: mappings by key, scalars in a canonical form
/// (`1_000_000`, `1e6` and `1000000.0` are one number; quoted text stays text), so that
/// formatting, comments and key order do not count as differences.
indirect enum RecipeTree: Equatable {
    case mapping([String: RecipeTree])
    case sequence([RecipeTree])
    case scalar(String)

    /// What a resume may change: `train.steps`, `train.updates`, `train.kernel_threads`
    /// (which never changes results) and `output.dir` (the run directory given to
    /// `--resume` is where the run continues).
    static let resumable = ["train": ["steps", "updates", "kernel_threads"], "output": ["dir"]]

    /// The tree of `text` without the keys `ignoring` lists under each top-level section.
    static func comparable(_ text: String, ignoring: [String: [String]] = resumable) throws -> RecipeTree {
        guard let node = try Yams.compose(yaml: text) else { return .mapping([:]) }
        guard case .mapping(var root) = tree(node) else { return tree(node) }
        for (section, keys) in ignoring {
            guard case .mapping(var members)? = root[section] else { continue }
            for key in keys { members[key] = nil }
            root[section] = members.isEmpty ? nil : .mapping(members)
        }
        return .mapping(root)
    }

    static func tree(_ node: Node) -> RecipeTree {
        switch node {
        case .scalar(let scalar):
            return .scalar(canonical(scalar))
        case .mapping(let mapping):
            var members: [String: RecipeTree] = [:]
            for (key, value) in mapping { members[key.string ?? "\(key)"] = tree(value) }
            return .mapping(members)
        case .sequence(let sequence):
            return .sequence(sequence.map(tree))
        default:
            return .scalar("\(node)")
        }
    }

    private static func canonical(_ scalar: Node.Scalar) -> String {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return text }
        let digits = text.replacingOccurrences(of: "_", with: "")
        if !digits.isEmpty, let value = Double(digits) {
            return value.rounded() == value && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
        }
        switch text.lowercased() {
        case "true", "yes", "on": return "true"
        case "false", "no", "off": return "false"
        case "", "~", "null": return "null"
        default: return text
        }
    }

    /// A short rendering for error messages.
    var rendered: String {
        switch self {
        case .scalar(let text): return text == "null" ? "null" : text
        case .sequence(let items): return "[" + items.map(\.rendered).joined(separator: ", ") + "]"
        case .mapping(let members):
            return "{" + members.sorted(by: { $0.key < $1.key }).map { "\($0.key): \($0.value.rendered)" }.joined(separator: ", ") + "}"
        }
    }

    /// Where `run` and `given` first differ (key path, both renderings), or `nil`.
    static func firstDifference(_ run: RecipeTree, _ given: RecipeTree, path: [String] = [])
        -> (keyPath: String, run: String, given: String)? {
        let keyPath = path.isEmpty ? "the top level" : path.joined(separator: ".")
        switch (run, given) {
        case let (.mapping(a), .mapping(b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                switch (a[key], b[key]) {
                case let (x?, y?):
                    if let d = firstDifference(x, y, path: path + [key]) { return d }
                case let (x?, nil):
                    return ((path + [key]).joined(separator: "."), x.rendered, "not set")
                case let (nil, y?):
                    return ((path + [key]).joined(separator: "."), "not set", y.rendered)
                case (nil, nil):
                    break
                }
            }
            return nil
        case let (.sequence(a), .sequence(b)) where a.count == b.count:
            for (i, pair) in zip(a, b).enumerated() {
                if let d = firstDifference(pair.0, pair.1, path: path.isEmpty ? ["[\(i)]"] : path.dropLast() + ["\(path.last!)[\(i)]"]) {
                    return d
                }
            }
            return nil
        default:
            return run == given ? nil : (keyPath, run.rendered, given.rendered)
        }
    }
}
