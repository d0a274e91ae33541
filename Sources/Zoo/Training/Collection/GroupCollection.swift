/// Grouped episodes (GRPO): copies form groups of `generations` that start together from
/// one seed; each update uses `groupsPerUpdate` finished groups, laid out
/// `[step, (group gen)]` with invalid padding after each trajectory's end. Needs
/// autoreset disabled: the `GroupCollector` resets groups itself.
public struct GroupCollection: CollectionPlan {
    public let generations: Int
    public let groupsPerUpdate: Int
    public let options: GroupOptions

    public init(generations: Int, groupsPerUpdate: Int, options: GroupOptions = GroupOptions()) {
        self.generations = generations
        self.groupsPerUpdate = groupsPerUpdate
        self.options = options
    }

    public var autoreset: AutoresetMode? { .disabled }

    public func plannedMemory(_ context: AlgorithmContext, maxEpisodeSteps: Int?, unitsPerRow: Int) -> (bytes: Double, what: String) {
        let longest = maxEpisodeSteps ?? 1000
        let rows = Double(generations) * Double(groupsPerUpdate) * Double(longest)
        let perRow = Double(context.observationWidth + context.actionSpace.actionWidth + 8) * 3 + Double(unitsPerRow)
        return (rows * perRow * 4, "\(groupsPerUpdate) groups × \(generations) generations of episodes up to \(longest) steps")
    }

    public func makeCollector(_ built: BuiltEnvironment, seed: Int) throws(EnvError) -> any ExperienceCollector {
        try GroupCollector(built, generations: generations, groupsPerUpdate: groupsPerUpdate, seed: seed, options: options)
    }
}

extension CollectionPlan where Self == GroupCollection {
    /// Grouped episodes: `groupsPerUpdate` finished groups of `generations` per update.
    public static func groups(generations: Int, groupsPerUpdate: Int, options: GroupOptions = GroupOptions()) -> GroupCollection {
        GroupCollection(generations: generations, groupsPerUpdate: groupsPerUpdate, options: options)
    }
}

/// How grouped episodes start and which groups an update keeps.
public struct GroupOptions: Sendable, Equatable {
    /// Branching from a shared mid-episode state: when `branchEvery` > 0, each group's
    /// first generation (the scout) plays the current policy from the group's start for
    /// d steps, d drawn uniformly from 0, k, 2k, … below `branchDepth`; every generation
    /// then starts from the scout's state at that step (a full-state snapshot), so the
    /// generations are compared on the same situation, not only the same start. The
    /// scout's steps are environment steps but not training data. 0: off.
    public var branchEvery: Int
    /// The deepest branching point (exclusive); a scout whose episode ends first falls
    /// back to the group's start.
    public var branchDepth: Int
    /// DAPO's dynamic sampling: a finished group whose generations all earned the same
    /// return (so every group-relative advantage is 0) is dropped and more groups are
    /// collected in its place.
    public var dynamicSampling: Bool

    public init(branchEvery: Int = 0, branchDepth: Int = 0, dynamicSampling: Bool = false) {
        self.branchEvery = branchEvery
        self.branchDepth = branchDepth
        self.dynamicSampling = dynamicSampling
    }
}
