import DSL

/// How `zoo play` films episodes.
public struct PlaybackOptions: Sendable {
    /// Number of episodes; episode k starts from `reset(seed: seed + k)`.
    public var episodes: Int
    public var seed: Int
    /// Trained agents: the most likely action instead of a sample.
    public var deterministic: Bool
    /// Keep every `frameStride`-th step's frame (plus each episode's first and last).
    public var frameStride: Int
    /// Display time of a frame, hundredths of a second.
    public var frameDelay: Int
    /// Display time of each episode's last frame, hundredths of a second.
    public var finalFrameDelay: Int

    /// Every second frame at 4/100 s: real time for the 50 Hz environments (CartPole,
    /// LunarLander), 25 GIF frames per second.
    public init(episodes: Int = 1, seed: Int = 0, deterministic: Bool = false, frameStride: Int = 2,
                frameDelay: Int = 4, finalFrameDelay: Int = 100) {
        self.episodes = episodes
        self.seed = seed
        self.deterministic = deterministic
        self.frameStride = frameStride
        self.frameDelay = frameDelay
        self.finalFrameDelay = finalFrameDelay
    }
}

/// What was filmed: each episode's return and length, and the GIF.
public struct PlaybackRecording: Sendable {
    public var returns: [Double]
    public var lengths: [Int]
    public var frames: Int
    /// The GIF file's bytes.
    public var gif: [UInt8]
}

/// Runs a policy for whole episodes and films them into an animated GIF, the episode
/// number and running return stamped on every frame.
///
/// Why in `Zoo`: the CLI stays a thin call, and tests film baseline policies without
/// training an agent. Episodes run as in `PolicyEvaluation` (consecutive seeds, until
/// terminated or truncated), so the returns shown match `zoo eval`'s.
public enum EpisodePlayback {
    /// Films `episodes` episodes of `policy` on `env`, which must be renderable.
    public static func record<P: Policy>(
        _ env: inout any Environment, policy: inout P, options: PlaybackOptions, environmentName: String,
        maxSteps: Int = 100_000
    ) throws(ZooError) -> PlaybackRecording {
        guard options.episodes > 0 else { throw .unsupported("the number of episodes must be positive, got \(options.episodes)") }
        guard options.frameStride > 0 else { throw .unsupported("the frame stride must be positive, got \(options.frameStride)") }
        guard env is any RenderableEnvironment else {
            throw .unsupported("\(environmentName) cannot be rendered: it has no render hook")
        }
        var encoder: GIFEncoder?
        var returns: [Double] = [], lengths: [Int] = []
        func film(_ env: any Environment, _ overlay: FrameOverlay, delay: Int) {
            guard let renderable = env as? any RenderableEnvironment else { return }
            let frame = overlay.draw(on: renderable.render())
            if encoder == nil { encoder = GIFEncoder(width: frame.width, height: frame.height) }
            encoder?.addFrame(frame, delay: delay)
        }
        do throws(EnvError) {
            for k in 0..<options.episodes {
                var (observation, _) = try env.reset(seed: options.seed + k)
                var total = 0.0, steps = 0
                film(env, FrameOverlay(episode: k + 1, of: options.episodes, step: 0, episodeReturn: 0), delay: options.frameDelay)
                while true {
                    let t = try env.step(policy.action(for: observation))
                    total += t.reward
                    steps += 1
                    observation = t.observation
                    let done = t.terminated || t.truncated || steps >= maxSteps
                    if done || steps % options.frameStride == 0 {
                        let overlay = FrameOverlay(episode: k + 1, of: options.episodes, step: steps, episodeReturn: total)
                        film(env, overlay, delay: done ? options.finalFrameDelay : options.frameDelay)
                    }
                    if done { break }
                }
                returns.append(total)
                lengths.append(steps)
            }
        } catch {
            throw .environment(error)
        }
        return PlaybackRecording(returns: returns, lengths: lengths, frames: encoder?.frameCount ?? 0,
                                 gif: encoder?.data() ?? [])
    }
}

extension TrainedAgent {
    /// Films the agent on its recipe's environment (single copy, the recipe's kwargs and
    /// time limit), acting as in `evaluate`.
    public func play(_ options: PlaybackOptions) throws(ZooError) -> PlaybackRecording {
        var env: any Environment
        do {
            env = try recipe.env.makeSingle()
        } catch {
            throw .environment(error)
        }
        var policy = AgentPolicy(algorithm: algorithm, actionSpace: env.actionSpace,
                                 mode: options.deterministic ? .deterministic : .sample,
                                 random: SeededRandom(seed: options.seed).derived("evaluation"), io: io)
        return try EpisodePlayback.record(&env, policy: &policy, options: options, environmentName: recipe.env.id)
    }
}
