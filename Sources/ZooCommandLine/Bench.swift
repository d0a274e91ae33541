import ArgumentParser

/// `zoo bench`: the committed benchmarks. Run them in a release build.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Zoo's performance benchmarks (build with -c release).",
        subcommands: [BenchDSL.self, BenchEnvs.self, BenchLearner.self, BenchLunar.self, BenchTrain.self]
    )
}
