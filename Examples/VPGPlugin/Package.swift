// swift-tools-version: 6.1
import PackageDescription

// An algorithm plugin in a package of its own: the library VPG (Spinning Up's vanilla
// policy gradient) and the executable `vpg-zoo`, Zoo's whole command line with VPG
// registered. It names Zoo by path because it lives inside Zoo's repository; a package
// elsewhere names Zoo's git repository instead:
//     .package(url: "<Zoo's git URL>", branch: "main")
let package = Package(
    name: "VPGPlugin",
    platforms: [.macOS(.v14)],
    products: [
        // Not `zoo`: `swift run zoo` would run Zoo's own executable, which lacks VPG.
        .executable(name: "vpg-zoo", targets: ["VPGCLI"]),
    ],
    dependencies: [
        .package(name: "Zoo", path: "../.."),
    ],
    targets: [
        .target(name: "VPG", dependencies: [.product(name: "Zoo", package: "Zoo")]),
        .executableTarget(name: "VPGCLI", dependencies: ["VPG", .product(name: "ZooCommandLine", package: "Zoo")]),
    ],
    swiftLanguageModes: [.v6]
)
