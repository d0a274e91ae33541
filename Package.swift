// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Zoo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zoo", targets: ["ZooCLI"]),
        .library(name: "Zoo", targets: ["Zoo", "DSL", "Plugins"]),
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
        .target(name: "DSL", dependencies: ["CKernels"]),
        .target(name: "Physics2D"),
        .target(name: "Zoo", dependencies: ["DSL", "Physics2D", .product(name: "Yams", package: "Yams")]),
        .target(name: "Plugins", dependencies: ["Zoo", "DSL"]),
        .target(
            name: "ZooCommandLine",
            dependencies: ["Zoo", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "ZooCLI", dependencies: ["ZooCommandLine", "Plugins"]),
        .testTarget(name: "DSLTests", dependencies: ["DSL"], resources: [.copy("Fixtures")]),
        .testTarget(name: "Physics2DTests", dependencies: ["Physics2D"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ZooTests", dependencies: ["Zoo", "DSL", "Plugins"], resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
