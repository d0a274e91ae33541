import ArgumentParser
import Foundation
import Zoo

/// `zoo play RUN_DIR|CHECKPOINT --out FILE.gif`: films a trained agent's episodes as an
/// animated GIF with the episode number and running return on every frame.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a trained agent's episodes to an animated GIF.",
        discussion: """
            Episode k starts from reset(seed: SEED + k), as in zoo eval. Every second step is \
            a frame (0.04 s each, real time for 50 Hz environments); the last frame of each \
            episode is held for one second. Renders LunarLander and the classic-control \
            environments. Example:
              zoo play runs/ppo-lunar/0 --episodes 3 --deterministic --out lunar.gif
            """
    )

    @Argument(help: "A run directory (uses its recipe and checkpoints/last.safetensors) or a checkpoint file.")
    var agent: String

    @Option(parsing: .unconditional, help: "Number of episodes.")
    var episodes = 1

    @Option(parsing: .unconditional, help: "Seed of the first episode (episode k uses seed + k).")
    var seed = 0

    @Flag(help: "Take the most likely action instead of sampling.")
    var deterministic = false

    @Option(help: "The GIF file to write.")
    var out: String

    func run() throws {
        guard episodes > 0 else { throw UserError("--episodes must be positive, got \(episodes)") }
        guard out.lowercased().hasSuffix(".gif") else { throw UserError("--out must name a .gif file, got '\(out)'") }
        do {
            let loaded = try TrainedAgent.load(agent)
            let recording = try loaded.play(PlaybackOptions(episodes: episodes, seed: seed, deterministic: deterministic))
            do {
                try AtomicFile.write(recording.gif, to: out)
            } catch {
                throw UserError(error.description)
            }
            for (k, (r, n)) in zip(recording.returns, recording.lengths).enumerated() {
                print("episode \(k + 1) (seed \(seed + k)): return \(String(format: "%.2f", r)), \(n) steps")
            }
            print("wrote \(out): \(recording.frames) frames, \(recording.gif.count / 1024) KiB")
        } catch let error as ZooError {
            throw UserError(error.description)
        }
    }
}
