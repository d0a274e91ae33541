// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Zoo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zoo", targets: ["ZooCLI"]),
        .library(name: "Zoo", targets: ["Zoo", "ZooEnvironments", "ZooReporting", "ZooSupport", "DSL", "Plugins", "Atari2600"]),
        // The whole command line for a package's own algorithm plugins (see Examples/).
        .library(name: "ZooCommandLine", targets: ["ZooCommandLine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Innermost numeric kernels (GEMM) in C, so that function-level target attributes
        // and runtime CPU dispatch give AVX2/FMA speed without any user compiler flag.
        .target(name: "CKernels"),
        // Tensors, automatic differentiation, layers, optimisers, the seeded random stream.
        .target(name: "DSL", dependencies: ["CKernels"]),
        // A 2D rigid-body engine (Box2D semantics), for LunarLander.
        .target(name: "Physics2D"),
        // The Atari 2600 console (6507, TIA, RIOT, cartridges) as ALE runs it, for the Atari
        // environments. Knows nothing of RL; depends on nothing of Zoo.
        .target(name: "Atari2600"),
        // What every room below uses: crash-safe file writes, CRC-32C, one-line messages,
        // "did you mean" suggestions, the version string. Depends on nothing of Zoo.
        .target(name: "ZooSupport"),
        // The world an agent acts in: spaces, environments (classic control, LunarLander),
        // snapshots, the registry, wrappers, vector environments, domain randomisation and
        // rendering. Knows nothing of learning.
        .target(name: "ZooEnvironments", dependencies: ["ZooSupport", "DSL", "Physics2D", "Atari2600"]),
        // What a run writes for people and tools: CSV logs, SVG plots, TensorBoard event
        // files, the run summary. Knows nothing of environments or learning.
        .target(name: "ZooReporting", dependencies: ["ZooSupport"]),
        // Learning, on top of the rooms above (and re-exporting them, so `import Zoo` is
        // enough): recipes, algorithms, training, checkpoints, policies, playback,
        // comparisons, plugin scaffolding, benchmarks.
        .target(
            name: "Zoo",
            dependencies: [
                "ZooEnvironments", "ZooReporting", "ZooSupport", "DSL",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The built-in algorithms (REINFORCE, A2C, PPO, GRPO, DQN, SAC, TD3), as plugins.
        .target(name: "Plugins", dependencies: ["Zoo", "DSL"]),
        .target(
            name: "ZooCommandLine",
            dependencies: ["Zoo", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "ZooCLI", dependencies: ["ZooCommandLine", "Plugins"]),
        .testTarget(name: "DSLTests", dependencies: ["DSL"], resources: [.copy("Fixtures")]),
        .testTarget(name: "Atari2600Tests", dependencies: ["Atari2600"], resources: [.copy("Fixtures")]),
        .testTarget(name: "Physics2DTests", dependencies: ["Physics2D"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ZooTests",
            dependencies: ["Zoo", "ZooEnvironments", "ZooReporting", "ZooSupport", "DSL", "Plugins"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
