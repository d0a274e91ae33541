import Foundation
import Testing
@testable import Zoo

/// `zoo new-plugin`: name checks, the registration edit, writing into a temporary copy of
/// the package files, refusals that write nothing, and the committed REINFORCE example
/// being exactly the generator's output.
@Suite("Plugin scaffold")
struct PluginScaffoldTests {
    /// The package root of this checkout (the directory above `Tests/`).
    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }

    static func temporaryPackage(registration: String? = nil) throws -> String {
        let root = NSTemporaryDirectory() + "zoo-scaffold-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/Sources/Plugins", withIntermediateDirectories: true)
        try AtomicFile.write("// swift-tools-version: 6.1\n", to: root + "/Package.swift")
        let list = try registration ?? String(contentsOfFile: packageRoot + "/" + PluginScaffold.registrationFile, encoding: .utf8)
        try AtomicFile.write(list, to: root + "/" + PluginScaffold.registrationFile)
        return root
    }

    @Test func namesMustBeSwiftTypeNames() throws {
        #expect(try PluginScaffold(name: "MyPG").recipeKey == "mypg")
        #expect(try PluginScaffold(name: "VPG_2").typeName == "VPG_2")
        for bad in ["", "myPG", "1PG", "My-PG", "My PG", "Über", "_PG", "Self", "Tensor", "Algorithm"] {
            #expect(throws: ScaffoldError.self, "\(bad)") { _ = try PluginScaffold(name: bad) }
        }
    }

    @Test func registrationAppendsToSingleAndMultiLineLists() throws {
        let s = try PluginScaffold(name: "MyPG")
        let single = "    public static let all: [any Algorithm.Type] = [A2C.self, PPO.self]\n"
        #expect(try s.registering(in: single) == "    public static let all: [any Algorithm.Type] = [A2C.self, PPO.self, MyPG.self]\n")
        #expect(try s.registering(in: "static let all: [any Algorithm.Type] = []") == "static let all: [any Algorithm.Type] = [MyPG.self]")
        let multi = "static let all: [any Algorithm.Type] = [\n        A2C.self,\n        PPO.self,\n    ]\n"
        #expect(try s.registering(in: multi) == "static let all: [any Algorithm.Type] = [\n        A2C.self,\n        PPO.self,\n        MyPG.self,\n    ]\n")
        let noComma = "static let all: [any Algorithm.Type] = [\n    A2C.self,\n    PPO.self\n]"
        #expect(try s.registering(in: noComma) == "static let all: [any Algorithm.Type] = [\n    A2C.self,\n    PPO.self,\n    MyPG.self\n]")
        #expect(throws: ScaffoldError.self) { _ = try s.registering(in: "static let all = [MyPG.self]") }
        #expect(throws: ScaffoldError.self) { _ = try s.registering(in: "enum Nothing {}") }
    }

    @Test func writesTheFilesAndRegistersThenRefusesToOverwrite() throws {
        let root = try Self.temporaryPackage(registration: "enum BuiltinPlugins {\n    static let all: [any Algorithm.Type] = [A2C.self]\n}\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let s = try PluginScaffold(name: "MyPG")
        let written = try s.write(packageRoot: root, taken: ["a2c"])
        #expect(written == ["Sources/Plugins/MyPG.swift", "recipes/mypg-cartpole.yaml", "Tests/ZooTests/Plugins/MyPGTests.swift",
                            PluginScaffold.registrationFile])
        let source = try String(contentsOfFile: root + "/Sources/Plugins/MyPG.swift", encoding: .utf8)
        #expect(source.contains("public final class MyPG: Algorithm") && source.contains("static let name = \"mypg\""))
        #expect(!source.contains("__NAME__") && !source.contains("__KEY__"))
        let recipe = try String(contentsOfFile: root + "/recipes/mypg-cartpole.yaml", encoding: .utf8)
        #expect(recipe.contains("name: mypg"))
        let list = try String(contentsOfFile: root + "/" + PluginScaffold.registrationFile, encoding: .utf8)
        #expect(list.contains("[A2C.self, MyPG.self]"))
        // Again: the files exist; nothing changes.
        #expect(throws: ScaffoldError.self) { try s.write(packageRoot: root) }
        #expect(try String(contentsOfFile: root + "/" + PluginScaffold.registrationFile, encoding: .utf8) == list)
    }

    @Test func refusesOutsideAPackageOrForATakenName() throws {
        let root = try Self.temporaryPackage()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let s = try PluginScaffold(name: "MyPG")
        #expect(throws: ScaffoldError.self) { try s.write(packageRoot: root + "/Sources") }
        #expect(throws: ScaffoldError.self) { try s.write(packageRoot: root, taken: ["mypg"]) }
        try FileManager.default.removeItem(atPath: root + "/Package.swift")
        #expect(throws: ScaffoldError.self) { try s.write(packageRoot: root) }
        #expect(!FileManager.default.fileExists(atPath: root + "/Sources/Plugins/MyPG.swift"))
    }

    @Test func theCommittedREINFORCEIsTheGeneratorsOutput() throws {
        let s = try PluginScaffold(name: "REINFORCE")
        for file in s.files {
            let committed = try String(contentsOfFile: Self.packageRoot + "/" + file.path, encoding: .utf8)
            #expect(committed == file.contents, "\(file.path) differs from `zoo new-plugin REINFORCE`; regenerate it")
        }
        // And it is registered, as the generator registers it.
        let list = try String(contentsOfFile: Self.packageRoot + "/" + PluginScaffold.registrationFile, encoding: .utf8)
        #expect(list.contains("REINFORCE.self"))
        // Generating into a copy of the package's list without REINFORCE gives the same files.
        let root = try Self.temporaryPackage(registration: list.replacingOccurrences(of: ", REINFORCE.self", with: ""))
        defer { try? FileManager.default.removeItem(atPath: root) }
        try s.write(packageRoot: root)
        for file in s.files {
            #expect(try String(contentsOfFile: root + "/" + file.path, encoding: .utf8) ==
                    String(contentsOfFile: Self.packageRoot + "/" + file.path, encoding: .utf8))
        }
        #expect(try String(contentsOfFile: root + "/" + PluginScaffold.registrationFile, encoding: .utf8) == list)
    }
}
