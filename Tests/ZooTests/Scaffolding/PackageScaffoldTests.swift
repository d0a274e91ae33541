import Foundation
import Testing
@testable import Zoo

/// `zoo new-plugin NAME --package DIR`: the package's files (the same plugin, recipe and
/// test templates as the scaffold in Zoo's tree), how its manifest finds Zoo, and
/// refusals that write nothing.
@Suite("Package scaffold")
struct PackageScaffoldTests {
    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "zoo-package-scaffold-tests-" + UUID().uuidString
    }

    static func contents(_ files: [(path: String, contents: String)], _ path: String) -> String? {
        files.first { $0.path == path }?.contents
    }

    @Test func filesShareThePluginTemplates() throws {
        let plugin = try PluginScaffold(name: "MyPG")
        let package = PackageScaffold(plugin: plugin, zoo: .path("../zoo"))
        #expect(package.files.map(\.path) == ["Package.swift", ".gitignore", "Sources/MyPG/MyPG.swift", "Sources/MyPGCLI/main.swift",
                                              "recipes/mypg-cartpole.yaml", "Tests/MyPGTests/MyPGTests.swift"])
        // The algorithm and its recipe are exactly what the scaffold in Zoo's tree writes.
        #expect(Self.contents(package.files, "Sources/MyPG/MyPG.swift") == Self.contents(plugin.files, "Sources/Plugins/MyPG.swift"))
        #expect(Self.contents(package.files, "recipes/mypg-cartpole.yaml") == Self.contents(plugin.files, "recipes/mypg-cartpole.yaml"))
        let test = try #require(Self.contents(package.files, "Tests/MyPGTests/MyPGTests.swift"))
        #expect(test.contains("import MyPG\n") && test.contains("AlgorithmRegistry.shared.register(MyPG.self)"))
        let main = try #require(Self.contents(package.files, "Sources/MyPGCLI/main.swift"))
        #expect(main.contains("import MyPG\nimport ZooCommandLine\n") && main.contains("ZooCommandLine.main(plugins: [MyPG.self])"))
        for file in package.files {
            #expect(!file.contents.contains("__"), "\(file.path) has a placeholder left")
        }
    }

    @Test func theManifestNamesZooByPathOrByURL() throws {
        let plugin = try PluginScaffold(name: "MyPG")
        let byPath = try #require(Self.contents(PackageScaffold(plugin: plugin, zoo: .path("../zoo")).files, "Package.swift"))
        #expect(byPath.contains(#".package(name: "Zoo", path: "../zoo"),"#))
        #expect(byPath.contains(#".product(name: "ZooCommandLine", package: "Zoo")"#))
        #expect(byPath.contains(#".executable(name: "mypg-zoo", targets: ["MyPGCLI"])"#))
        let url = try PackageScaffold.ZooDependency.repository("https://example.com/someone/rl-zoo.git")
        let byURL = try #require(Self.contents(PackageScaffold(plugin: plugin, zoo: url).files, "Package.swift"))
        #expect(byURL.contains(#".package(url: "https://example.com/someone/rl-zoo.git", branch: "main"),"#))
        #expect(byURL.contains(#".product(name: "Zoo", package: "rl-zoo")"#))
        for bad in ["", "https://example.com/\"x\"", "https://example.com/a\\b", "https://example.com/a\nb"] {
            #expect(throws: ScaffoldError.self, "\(bad)") { _ = try PackageScaffold.ZooDependency.repository(bad) }
        }
    }

    @Test func aCheckoutIsWrittenRelativeToThePackage() throws {
        typealias Dependency = PackageScaffold.ZooDependency
        #expect(Dependency.relativePath(to: "/a", from: "/a/b/c") == "../..")
        #expect(Dependency.relativePath(to: "/a/b/c/d", from: "/a/b/c") == "d")
        #expect(Dependency.relativePath(to: "/a/x/./y", from: "/a/b/../c") == "../x/y")
        #expect(Dependency.relativePath(to: "/a", from: "/a/") == ".")
        let root = PluginScaffoldTests.packageRoot
        #expect(try Dependency.checkout(at: root, from: root + "/Examples/New") == .path("../.."))
        #expect(throws: ScaffoldError.self) { _ = try Dependency.checkout(at: root + "/Sources", from: root) }
    }

    @Test func writesThePackageThenRefusesToOverwrite() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let package = PackageScaffold(plugin: try PluginScaffold(name: "MyPG"), zoo: .path("../zoo"))
        #expect(try package.write(to: directory + "/MyPG", taken: ["ppo"]) == package.files.map(\.path))
        for file in package.files {
            #expect(try String(contentsOfFile: "\(directory)/MyPG/\(file.path)", encoding: .utf8) == file.contents)
        }
        #expect(throws: ScaffoldError.self) { try package.write(to: directory + "/MyPG") }
    }

    @Test func refusesAnExistingFileOrATakenNameWritingNothing() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try AtomicFile.write("// mine\n", to: directory + "/Package.swift")
        let package = PackageScaffold(plugin: try PluginScaffold(name: "MyPG"), zoo: .path("../zoo"))
        #expect(throws: ScaffoldError("Package.swift already exists; nothing was written")) { try package.write(to: directory) }
        #expect(try String(contentsOfFile: directory + "/Package.swift", encoding: .utf8) == "// mine\n")
        #expect(throws: ScaffoldError.self) { try package.write(to: directory + "/other", taken: ["mypg"]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["Package.swift"])
    }
}
