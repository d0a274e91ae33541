import Foundation

/// `zoo new-plugin NAME`: the files of a new algorithm plugin — a working REINFORCE
/// skeleton in `Sources/Plugins/<Name>.swift`, a CartPole recipe
/// `recipes/<name>-cartpole.yaml`, a test `Tests/ZooTests/Plugins/<Name>Tests.swift` —
/// and its registration in `BuiltinPlugins.all`. (`PackageScaffold` writes the same
/// plugin into a package of its own.)
///
/// Why generated from one template: `Sources/Plugins/REINFORCE.swift` is this
/// generator's output, committed and compiled with the package; a test regenerates it
/// and compares, so the template can never drift from code that builds and trains.
public struct PluginScaffold: Sendable {
    /// The Swift type name (`REINFORCE`).
    public let typeName: String
    /// The recipe's `algorithm.name` and file-name stem: the type name in lower case.
    public let recipeKey: String

    /// Checks `name`: an ASCII Swift identifier starting with a capital letter, not a
    /// keyword or a name the plugin would clash with.
    public init(name: String) throws(ScaffoldError) {
        guard let first = name.unicodeScalars.first else { throw ScaffoldError("give the plugin's type name, e.g. zoo new-plugin MyPG") }
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
        guard allowed, first.isASCII, CharacterSet.uppercaseLetters.contains(first) else {
            throw ScaffoldError("'\(name)' is not a valid plugin type name: use letters, digits and _, starting with a capital letter (e.g. MyPG)")
        }
        guard !Self.reserved.contains(name) else {
            throw ScaffoldError("'\(name)' clashes with a Swift keyword or a type the plugin uses; choose another name")
        }
        typeName = name
        recipeKey = name.lowercased()
    }

    /// Names a plugin type cannot take: Swift keywords that start with a capital letter
    /// and the types the template refers to.
    static let reserved: Set<String> = [
        "Self", "Type", "Protocol", "Any", "Algorithm", "AlgorithmContext", "ActingMode", "CollectionPlan", "Decision",
        "Experience", "Hyperparameter", "HyperparameterInfo", "Setting", "Loss", "LossTerm", "MaskedStatistics", "Module", "NetworkSettings",
        "Optimizer", "OptimizerSettings", "PolicyNetwork", "RecipeError", "RecipeMapping", "SeededRandom", "Tensor",
        "UpdateReport", "GeneralizedAdvantageEstimation", "BuiltinPlugins", "Plugins", "Zoo", "DSL", "Float", "Double",
        "Int", "Bool", "String", "Array", "Testing", "Trainer", "Recipe", "RecipeDocument", "AlgorithmRegistry",
        "ZooCommandLine", "PackageDescription",
    ]

    /// Package-relative path and contents of each new file.
    public var files: [(path: String, contents: String)] {
        let fill = { (template: String) in self.fill(template, module: "Plugins", registration: "BuiltinPlugins.registerAll()") }
        return [
            ("Sources/Plugins/\(typeName).swift", fill(PluginTemplate.source)),
            ("recipes/\(recipeKey)-cartpole.yaml", fill(PluginTemplate.recipe)),
            ("Tests/ZooTests/Plugins/\(typeName)Tests.swift", fill(PluginTemplate.test)),
        ]
    }

    /// `template` with this plugin's names in place of the placeholders `PluginTemplate`
    /// describes; `module` is the Swift module the plugin is compiled in and
    /// `registration` the statement that registers it.
    func fill(_ template: String, module: String, registration: String) -> String {
        template.replacingOccurrences(of: "__NAME__", with: typeName)
            .replacingOccurrences(of: "__KEY__", with: recipeKey)
            .replacingOccurrences(of: "__MODULE__", with: module)
            .replacingOccurrences(of: "__REGISTER__", with: registration)
    }

    /// The registration list's file.
    public static let registrationFile = "Sources/Plugins/BuiltinPlugins.swift"

    /// `source` (BuiltinPlugins.swift) with `typeName.self` appended to the
    /// `static let all` list, single- or multi-line.
    public func registering(in source: String) throws(ScaffoldError) -> String {
        guard let declaration = source.range(of: "static let all"),
              let equals = source[declaration.upperBound...].firstIndex(of: "="),
              let open = source[equals...].firstIndex(of: "["),
              let close = source[open...].firstIndex(of: "]") else {
            throw ScaffoldError("\(Self.registrationFile): cannot find the `static let all: [any Algorithm.Type] = [...]` list")
        }
        let inner = source[source.index(after: open)..<close]
        let entries = inner.split(whereSeparator: { $0 == "," || $0.isWhitespace })
        guard !entries.contains("\(typeName).self") else {
            throw ScaffoldError("\(Self.registrationFile): \(typeName) is already registered")
        }
        var updated = String(source[..<source.index(after: open)])
        if inner.contains("\n") {
            // One entry per line: same indentation as the last entry, a trailing comma as the others have.
            let lines = inner.split(separator: "\n", omittingEmptySubsequences: false)
            let lastEntry = lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            let indent = String(lastEntry.prefix { $0 == " " || $0 == "\t" })
            var body = String(inner)
            let trailing = body.reversed().prefix { $0.isWhitespace }.count
            let tail = String(body.suffix(trailing))
            body.removeLast(trailing)
            let comma = body.hasSuffix(",")
            updated += body + (comma ? "" : ",") + "\n" + indent + "\(typeName).self" + (comma ? "," : "") + tail
        } else {
            let trimmed = inner.trimmingCharacters(in: .whitespaces)
            updated += trimmed.isEmpty ? "\(typeName).self" : "\(trimmed), \(typeName).self"
        }
        updated += source[close...]
        return updated
    }

    /// Writes the files into the package at `root` and registers the plugin. Refuses,
    /// writing nothing, when `root` has no Package.swift or registration list, a file
    /// already exists, or `taken` (registered algorithm names) has the recipe key.
    /// Returns the package-relative paths written or changed.
    @discardableResult
    public func write(packageRoot root: String, taken: [String] = []) throws(ScaffoldError) -> [String] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: "\(root)/Package.swift") else {
            throw ScaffoldError("no Package.swift in \(root): run zoo new-plugin from the root of the Zoo package, or give --package DIR for a package of its own")
        }
        guard let data = fm.contents(atPath: "\(root)/\(Self.registrationFile)") else {
            throw ScaffoldError("no \(Self.registrationFile) in \(root): run zoo new-plugin from the root of the Zoo package, or give --package DIR for a package of its own")
        }
        try checkUnused(taken)
        try NewFiles.checkAbsent(files.map(\.path), under: root)
        let registration = try registering(in: String(decoding: data, as: UTF8.self))
        try NewFiles.write(files + [(Self.registrationFile, registration)], under: root)
        return files.map(\.path) + [Self.registrationFile]
    }

    /// Refuses a recipe key that `taken` (registered algorithm names) already has.
    func checkUnused(_ taken: [String]) throws(ScaffoldError) {
        guard !taken.contains(recipeKey) else {
            throw ScaffoldError("an algorithm named '\(recipeKey)' is already registered; choose another name")
        }
    }
}
