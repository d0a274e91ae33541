import Foundation
import Testing
@testable import Zoo

/// `zoo new-plugin NAME --package DIR` through the built `zoo`: it writes the package,
/// and a second run, or one that does not say where Zoo is, prints one line and exits
/// with status 2. Skipped when there is no `zoo` executable.
@Suite("zoo new-plugin --package", .enabled(if: builtZooExecutable != nil))
struct NewPluginCommandTests {
    /// Runs `zoo arguments`; its exit status and the lines of its standard error.
    static func zoo(_ arguments: [String]) throws -> (status: Int32?, errors: [Substring]) {
        let child = try ProcessReliabilityTests.Child(arguments)
        return (child.wait(seconds: 60), child.standardError.split(separator: "\n"))
    }

    @Test func writesAPackageAndRefusesToOverwriteIt() throws {
        let directory = PackageScaffoldTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["new-plugin", "MyPG", "--package", directory, "--zoo-path", PluginScaffoldTests.packageRoot]
        #expect(try Self.zoo(arguments).status == 0)
        let manifest = try String(contentsOfFile: directory + "/Package.swift", encoding: .utf8)
        let relative = PackageScaffold.ZooDependency.relativePath(to: PluginScaffoldTests.packageRoot, from: directory)
        #expect(manifest.contains(#".package(name: "Zoo", path: "\#(relative)")"#))
        #expect(FileManager.default.fileExists(atPath: directory + "/Sources/MyPG/MyPG.swift"))
        let again = try Self.zoo(arguments)
        #expect(again.status == 2)
        #expect(again.errors.count == 1 && again.errors[0].hasPrefix("error: Package.swift, .gitignore, Sources/MyPG/MyPG.swift"), "\(again.errors)")
    }

    @Test func mistakesGiveOneLine() throws {
        let directory = PackageScaffoldTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cases: [([String], String)] = [
            (["new-plugin", "MyPG", "--package", directory], "error: --package: say where the new package finds Zoo"),
            (["new-plugin", "MyPG", "--package", directory, "--zoo-path", "/", "--zoo-url", "https://example.com/Zoo.git"],
             "error: --zoo-path and --zoo-url: give one of them"),
            (["new-plugin", "MyPG", "--package", directory, "--zoo-path", directory], "error: --zoo-path \(directory): not a checkout of Zoo"),
            (["new-plugin", "MyPG", "--zoo-url", "https://example.com/Zoo.git"], "error: --zoo-path and --zoo-url say where"),
            (["new-plugin", "PPO", "--package", directory, "--zoo-url", "https://example.com/Zoo.git"],
             "error: an algorithm named 'ppo' is already registered"),
        ]
        for (arguments, expected) in cases {
            let run = try Self.zoo(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errors.count == 1 && run.errors[0].hasPrefix(expected), "\(arguments): \(run.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
