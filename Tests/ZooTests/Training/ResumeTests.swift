import Foundation
import Testing
@testable import Plugins
@testable import Zoo
import DSL

/// `--resume`: N updates, stop, resume for N more gives the files and checkpoint tensors
/// of 2N updates in one go — with every autoreset mode, threads, normalisation wrappers,
/// domain randomisation and a physics environment — and every way a resume can be
/// wrong is refused with a typed error.
@Suite("Resuming a run")
struct ResumeTests {
    /// One configuration to stop and resume.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let env: String
        let algorithm: String
        /// Total updates, and where the split runs stop (each stop is a Ctrl-C).
        let updates: Int
        let stops: [Int]
        /// Extra `output` keys (e.g. `log_every`) and the metrics rows they give.
        var output = ", log_every: 1"
        var rows: Int? = nil
        /// Extra `train` keys (e.g. `eval`).
        var train = ""
        var testDescription: String { name }
    }

    static let cartPoleA2C = """
        name: a2c
          steps: 8
          entropy_coef: 0.01
          networks:
            actor: {hidden: [16], activation: tanh}
            critic: {hidden: [16], activation: tanh, optimizer: adam, lr: 1.0e-3}
        """
    static let cartPolePPO = """
        name: ppo
          steps: 16
          batch_size: 32
          epochs: 2
          networks:
            actor: {hidden: [16]}
            critic: {hidden: [16]}
        """

    static let cases: [Case] = [
        Case(name: "CartPole A2C, nextStep", env: """
            id: CartPole-v1
              copies: 4
            """, algorithm: cartPoleA2C, updates: 24, stops: [12]),
        Case(name: "CartPole PPO, sameStep", env: """
            id: CartPole-v1
              copies: 4
              autoreset: sameStep
            """, algorithm: cartPolePPO, updates: 24, stops: [12]),
        Case(name: "CartPole A2C, threads, stopped twice", env: """
            id: CartPole-v1
              copies: 4
              vectorization: threads
              threads: 2
            """, algorithm: cartPoleA2C, updates: 24, stops: [7, 15]),
        Case(name: "CartPole A2C, normalize_observation and normalize_reward", env: """
            id: CartPole-v1
              copies: 4
              wrappers: [normalize_observation, {normalize_reward: {gamma: 0.99}}]
            """, algorithm: cartPoleA2C, updates: 24, stops: [12]),
        Case(name: "Pendulum PPO, randomised g, redraw at the stop", env: """
            id: Pendulum-v1
              copies: 3
              max_episode_steps: 40
              wrappers: [clip_action]
              randomize: {g: {uniform: [8, 12]}}
              redraw_every: 4
            """, algorithm: cartPolePPO, updates: 20, stops: [8]),
        Case(name: "Pendulum PPO, randomised g, sameStep, stop between redraws", env: """
            id: Pendulum-v1
              copies: 3
              max_episode_steps: 40
              autoreset: sameStep
              wrappers: [{rescale_action: {min: -1, max: 1}}]
              randomize: {g: {normal: {mean: 10, std: 1, clip: [8, 12]}}}
              redraw_every: 3
            """, algorithm: cartPolePPO, updates: 14, stops: [7]),
        Case(name: "LunarLander-v3 A2C", env: """
            id: LunarLander-v3
              copies: 2
            """, algorithm: """
            name: a2c
              steps: 32
              networks:
                actor: {hidden: [8]}
                critic: {hidden: [8]}
            """, updates: 8, stops: [4]),
        Case(name: "CartPole GRPO, groups in flight", env: """
            id: CartPole-v1
              copies: 6
            """, algorithm: """
            name: grpo
              generations: 3
              groups_per_update: 1
              networks:
                actor: {hidden: [8]}
            """, updates: 10, stops: [4]),
        Case(name: "LunarLander GRPO, branching from scouts, normalize_observation, KL to a synced reference", env: """
            id: LunarLander-v3
              copies: 4
              max_episode_steps: 60
              wrappers: [normalize_observation]
            """, algorithm: """
            name: grpo
              generations: 2
              groups_per_update: 1
              branch: {every: 5, depth: 30}
              beta: 0.01
              sync_ref_model: true
              ref_model_sync_steps: 2
              networks:
                actor: {hidden: [8]}
            """, updates: 10, stops: [3, 6]),
        Case(name: "CartPole DQN, replay buffer wrapping around", env: """
            id: CartPole-v1
              copies: 2
            """, algorithm: """
            name: dqn
              buffer_size: 300
              learning_starts: 20
              batch_size: 16
              train_freq: 4
              gradient_steps: 2
              target_update_interval: 16
              networks:
                q: {hidden: [16]}
            """, updates: 40, stops: [17], train: ", eval: {every: 64, episodes: 2}"),
        Case(name: "CartPole double DQN, a metrics row every 32 steps", env: """
            id: CartPole-v1
              copies: 2
            """, algorithm: """
            name: dqn
              buffer_size: 1000
              learning_starts: 8
              batch_size: 8
              train_freq: 4
              gradient_steps: -1
              double_q: true
              networks:
                q: {hidden: [8]}
            """, updates: 32, stops: [16], output: ", log_every: 32", rows: 8),
        Case(name: "Pendulum SAC", env: """
            id: Pendulum-v1
              copies: 1
              max_episode_steps: 50
            """, algorithm: """
            name: sac
              buffer_size: 200
              learning_starts: 10
              batch_size: 16
              networks:
                actor: {hidden: [16]}
                critic: {hidden: [16]}
            """, updates: 60, stops: [25]),
        Case(name: "Pendulum TD3, sameStep, stopped twice", env: """
            id: Pendulum-v1
              copies: 2
              max_episode_steps: 30
              autoreset: sameStep
            """, algorithm: """
            name: td3
              learning_starts: 10
              batch_size: 16
              networks:
                actor: {hidden: [16]}
                critic: {hidden: [16]}
            """, updates: 40, stops: [15, 27]),
        Case(name: "Catch pixels PPO, grey frame stack, CNN trunk, sameStep", env: """
            id: Catch-v0
              copies: 2
              autoreset: sameStep
              kwargs: {rows: 6, columns: 4, cell_size: 2}
              wrappers: [grayscale, {frame_stack: {depth: 2}}]
            """, algorithm: """
            name: ppo
              steps: 8
              batch_size: 8
              epochs: 1
              networks:
                trunk: {conv: [{filters: 4, kernel: 3, stride: 2}], features: 8}
            """, updates: 8, stops: [3]),
        Case(name: "Catch pixels DQN, bytes in the replay buffer", env: """
            id: Catch-v0
              copies: 1
              kwargs: {rows: 5, columns: 3, cell_size: 2}
              wrappers: [grayscale]
            """, algorithm: """
            name: dqn
              buffer_size: 40
              learning_starts: 8
              batch_size: 4
              train_freq: 2
              target_update_interval: 6
              networks:
                q: {trunk: {conv: [{filters: 2, kernel: 3}], features: 8}, hidden: []}
            """, updates: 40, stops: [16], output: ", log_every: 8", rows: 10),
    ]

    static func recipe(_ c: Case, dir: String, updates: Int, extraTrain: String = "", output: String? = nil) throws -> Recipe {
        BuiltinPlugins.registerAll()
        let text = """
            name: resume-test
            env:
              \(c.env)
            algorithm:
              \(c.algorithm)
            train: {steps: 1000000, updates: \(updates), seed: 5\(c.train)\(extraTrain)}
            output: {dir: \(dir), tensorboard: true, plot: true\(output ?? c.output)}
            """
        return try Recipe(document: RecipeDocument(text: text), defaultName: "resume-test")
    }

    /// Stops the trainer after update `update`, as Ctrl-C during that update would.
    final class StopAfter: TrainingObserver {
        let update: Int
        init(_ update: Int) { self.update = update }
        func trainer(_ trainer: Trainer, didUpdate u: UpdateRecord) {
            if u.update == update { trainer.stopRequested = true }
        }
        func trainer(_ trainer: Trainer, didFinish outcome: TrainingOutcome) {}
    }

    /// Trains `recipe` (continuing `point` if given), stopping after update `stop`.
    @discardableResult
    static func train(_ recipe: Recipe, resuming point: ResumePoint? = nil, stop: Int? = nil) throws -> TrainingOutcome {
        let trainer = try Trainer(recipe: recipe)
        if let point { try trainer.resume(from: point) }
        let recorder = try RunRecorder(recipe: recipe, resuming: point)
        trainer.observers.append(recorder)
        if let stop { trainer.observers.append(StopAfter(stop)) }
        let outcome = try trainer.run()
        #expect(recorder.failure == nil)
        return outcome
    }

    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "zoo-resume-\(UUID().uuidString)"
    }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// episodes.csv without its wall-clock `time` column.
    static func episodesWithoutTime(_ dir: String) throws -> [String] {
        try text("\(dir)/episodes.csv").split(separator: "\n").map { $0.split(separator: ",").dropLast().joined(separator: ",") }
    }

    static func summary(_ path: String) throws -> RunSummary {
        try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func tensors(_ path: String) throws -> [String: [Float]] {
        try SafetensorsReader.read(path: path).tensors.mapValues(\.scalars)
    }

    @Test(arguments: cases)
    func resumedRunMatchesTheUninterruptedOne(_ c: Case) throws {
        let whole = Self.temporaryDirectory(), split = Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: whole)
            try? FileManager.default.removeItem(atPath: split)
        }
        #expect(try Self.train(Self.recipe(c, dir: whole, updates: c.updates)) == .updateCapReached(updates: c.updates))

        // The first part runs with a smaller budget (or is stopped like Ctrl-C), each
        // later part resumes from the run directory with the run's own recipe.
        try Self.train(Self.recipe(c, dir: split, updates: c.stops[0]))
        for (k, stop) in c.stops.enumerated().dropFirst() {
            let (point, recipe) = try ResumePoint.resolve(directory: split, recipePath: nil, overrides: ["train.updates=\(c.updates)"])
            #expect(point.updates == c.stops[k - 1])
            #expect(try Self.train(recipe, resuming: point, stop: stop) == .interrupted)
        }
        let (point, recipe) = try ResumePoint.resolve(directory: split, recipePath: nil, overrides: ["train.updates=\(c.updates)"])
        #expect(point.updates == c.stops.last)
        #expect(try Self.train(recipe, resuming: point) == .updateCapReached(updates: c.updates))

        #expect(try Self.text("\(whole)/metrics.csv") == Self.text("\(split)/metrics.csv"))
        #expect(try Self.text("\(whole)/metrics.csv").split(separator: "\n").count == 1 + (c.rows ?? c.updates))
        #expect(try Self.episodesWithoutTime(whole) == Self.episodesWithoutTime(split))
        if !c.train.isEmpty {
            #expect(try Self.text("\(whole)/eval.csv") == Self.text("\(split)/eval.csv"))
        }
        #expect(try Self.episodesWithoutTime(whole).count > 1)
        #expect(try Self.tensors("\(whole)/checkpoints/last.safetensors") == Self.tensors("\(split)/checkpoints/last.safetensors"))
        #expect(try Self.tensors("\(whole)/checkpoints/best.safetensors") == Self.tensors("\(split)/checkpoints/best.safetensors"))
        #expect(try Self.text("\(whole)/training.svg") == Self.text("\(split)/training.svg"))
        let a = try Self.summary("\(whole)/summary.json"), b = try Self.summary("\(split)/summary.json")
        #expect(a.episodes == b.episodes && a.updates == b.updates && a.envSteps == b.envSteps)
        #expect(a.finalMeanReturn == b.finalMeanReturn && a.bestMeanReturn == b.bestMeanReturn && a.bestUpdate == b.bestUpdate)
        #expect(b.status == .finished)
        // TensorBoard: one file per part, together holding each update's events once.
        let events = try FileManager.default.contentsOfDirectory(atPath: "\(split)/tensorboard")
        #expect(events.count == c.stops.count + 1)
    }

    @Test func interruptedCheckpointIsAtAnUpdateBoundary() throws {
        let c = Self.cases[0]
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Self.train(Self.recipe(c, dir: dir, updates: 24), stop: 5) == .interrupted)
        let point = try ResumePoint.open(dir)
        #expect(point.updates == 5)
        #expect(point.envSteps == 5 * 8 * 4)
        let summary = try Self.summary("\(dir)/summary.json")
        #expect(summary.status == .interrupted)
        #expect(try Self.text("\(dir)/metrics.csv").split(separator: "\n").count == 1 + 5)
    }

    @Test func stoppedBeforeTheFirstUpdate() throws {
        let c = Self.cases[1]
        let whole = Self.temporaryDirectory(), split = Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: whole)
            try? FileManager.default.removeItem(atPath: split)
        }
        try Self.train(Self.recipe(c, dir: whole, updates: 6))
        let recipe = try Self.recipe(c, dir: split, updates: 6)
        let trainer = try Trainer(recipe: recipe, observers: [try RunRecorder(recipe: recipe)])
        trainer.stopRequested = true
        #expect(try trainer.run() == .interrupted)
        let (point, resumed) = try ResumePoint.resolve(directory: split, recipePath: nil)
        #expect(point.updates == 0)
        try Self.train(resumed, resuming: point)
        #expect(try Self.text("\(whole)/metrics.csv") == Self.text("\(split)/metrics.csv"))
        #expect(try Self.tensors("\(whole)/checkpoints/last.safetensors") == Self.tensors("\(split)/checkpoints/last.safetensors"))
    }

    @Test func rowsWrittenAfterTheCheckpointAreDropped() throws {
        // A crash after the checkpoint: the files hold rows the checkpoint has not seen.
        let c = Self.cases[0]
        let whole = Self.temporaryDirectory(), split = Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: whole)
            try? FileManager.default.removeItem(atPath: split)
        }
        try Self.train(Self.recipe(c, dir: whole, updates: 24))
        try Self.train(Self.recipe(c, dir: split, updates: 10))
        let checkpoint = try Data(contentsOf: URL(fileURLWithPath: "\(split)/checkpoints/last.safetensors"))
        let (point, recipe) = try ResumePoint.resolve(directory: split, recipePath: nil, overrides: ["train.updates=16"])
        try Self.train(recipe, resuming: point)
        try checkpoint.write(to: URL(fileURLWithPath: "\(split)/checkpoints/last.safetensors"))
        let (again, full) = try ResumePoint.resolve(directory: split, recipePath: nil, overrides: ["train.updates=24"])
        #expect(again.updates == 10)
        try Self.train(full, resuming: again)
        #expect(try Self.text("\(whole)/metrics.csv") == Self.text("\(split)/metrics.csv"))
        #expect(try Self.episodesWithoutTime(whole) == Self.episodesWithoutTime(split))
        if !c.train.isEmpty {
            #expect(try Self.text("\(whole)/eval.csv") == Self.text("\(split)/eval.csv"))
        }
        #expect(try Self.tensors("\(whole)/checkpoints/last.safetensors") == Self.tensors("\(split)/checkpoints/last.safetensors"))
        // No TensorBoard event beyond the checkpoint's step survives in the old files.
        var steps: [Int64] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(split)/tensorboard").sorted() {
            steps += try TensorBoardEventReader.read(path: "\(split)/tensorboard/\(name)").filter { !$0.scalars.isEmpty }.map(\.step)
        }
        var expected: [Int64] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(whole)/tensorboard") {
            expected += try TensorBoardEventReader.read(path: "\(whole)/tensorboard/\(name)").filter { !$0.scalars.isEmpty }.map(\.step)
        }
        #expect(steps.sorted() == expected.sorted())
    }

    // MARK: refusals

    /// A short finished run to refuse things against.
    static func finishedRun(updates: Int = 3, extraTrain: String = "") throws -> String {
        let dir = temporaryDirectory()
        try train(recipe(cases[0], dir: dir, updates: updates, extraTrain: extraTrain))
        return dir
    }

    static func resumeError(_ body: () throws -> Void) -> ResumeError? {
        do {
            try body()
        } catch let ZooError.resume(error) {
            return error
        } catch let error as ResumeError {
            return error
        } catch {
            Issue.record("expected a ResumeError, got \(error)")
        }
        return nil
    }

    @Test func refusesAMissingDirectory() {
        let dir = Self.temporaryDirectory()
        let error = Self.resumeError { _ = try ResumePoint.resolve(directory: dir, recipePath: nil) }
        #expect(error == .noRunDirectory(dir))
        #expect(error?.description.contains("no such run directory") == true)
    }

    @Test func refusesADirectoryWithoutCheckpoint() throws {
        let dir = Self.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = Self.resumeError { _ = try ResumePoint.resolve(directory: dir, recipePath: nil) }
        #expect(error == .noCheckpoint(directory: dir))
    }

    @Test func refusesATruncatedCheckpoint() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/checkpoints/last.safetensors"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let error = Self.resumeError { _ = try ResumePoint.resolve(directory: dir, recipePath: nil, overrides: ["train.updates=6"]) }
        guard case .checkpoint(let problem)? = error else {
            Issue.record("expected a checkpoint error, got \(String(describing: error))")
            return
        }
        #expect(problem.path == path)
    }

    @Test func refusesACheckpointWithoutOrWithBrokenResumeState() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/checkpoints/last.safetensors"
        var contents = try SafetensorsReader.read(path: path)
        let state = contents.metadata.removeValue(forKey: "resume")
        try AgentCheckpoint.write(contents, to: path)
        #expect(Self.resumeError { _ = try ResumePoint.open(dir) } == .notResumable(path: path, reason: nil))

        contents.metadata["resume"] = "{\"format\": 1"
        try AgentCheckpoint.write(contents, to: path)
        guard case .corrupt(path, _)? = Self.resumeError({ _ = try ResumePoint.open(dir) }) else {
            Issue.record("expected a corrupt-state error")
            return
        }
        // A state whose tensors are gone: caught when the trainer restores it.
        contents.metadata["resume"] = state
        contents.tensors = contents.tensors.filter { !$0.key.hasPrefix("resume/buffers/") }
        try AgentCheckpoint.write(contents, to: path)
        let (point, recipe) = try ResumePoint.resolve(directory: dir, recipePath: nil, overrides: ["train.updates=6"])
        let error = Self.resumeError { try Trainer(recipe: recipe).resume(from: point) }
        guard case .corrupt(path, let reason)? = error else {
            Issue.record("expected a corrupt-state error, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("resume/buffers/"))
    }

    @Test func refusesARecipeThatDiffersBeyondTheBudget() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recipe = "\(dir)/recipe.yaml"
        let error = Self.resumeError {
            _ = try ResumePoint.resolve(directory: dir, recipePath: recipe, overrides: ["train.updates=6", "env.copies=8"])
        }
        #expect(error == .recipeMismatch(directory: dir, keyPath: "env.copies", run: "4", given: "8"))
        let gamma = Self.resumeError {
            _ = try ResumePoint.resolve(directory: dir, recipePath: recipe, overrides: ["train.updates=6", "algorithm.gamma=0.9"])
        }
        #expect(gamma == .recipeMismatch(directory: dir, keyPath: "algorithm.gamma", run: "not set", given: "0.9"))
        // The budget may change, and formatting does not count.
        let (_, resumed) = try ResumePoint.resolve(directory: dir, recipePath: recipe,
                                                   overrides: ["train.updates=6", "train.steps=2_000_000", "env.copies=4.0",
                                                               "output.dir=elsewhere"])
        #expect(resumed.train.updates == 6)
        #expect(resumed.output.directory == dir)
    }

    @Test func refusesARunThatSpentItsBudget() throws {
        let dir = try Self.finishedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = Self.resumeError { _ = try ResumePoint.resolve(directory: dir, recipePath: nil) }
        #expect(error == .budgetSpent(directory: dir, updates: 3, envSteps: 3 * 32))
        #expect(error?.description.contains("train.updates") == true)
    }

    @Test func refusesARunThatReachedItsTarget() throws {
        let dir = try Self.finishedRun(updates: 20, extraTrain: ", target_return: 5, window: 1")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try Self.summary("\(dir)/summary.json")
        #expect(summary.updates < 20)
        let error = Self.resumeError { _ = try ResumePoint.resolve(directory: dir, recipePath: nil, overrides: ["train.updates=40"]) }
        guard case .targetReached(dir, _)? = error else {
            Issue.record("expected a target-reached error, got \(String(describing: error))")
            return
        }
    }
}
