import Foundation

/// `zoo new-plugin NAME --package DIR`: a Swift package of its own for a new algorithm
/// plugin, so that a user extends Zoo without forking it — the plugin (the same REINFORCE
/// skeleton as in Zoo's tree) as a library, an executable `zoo` that is Zoo's whole
/// command line with it registered, a CartPole recipe, a test and a `.gitignore`.
public struct PackageScaffold: Sendable {
    /// Where the new package's manifest finds Zoo.
    public enum ZooDependency: Sendable, Equatable {
        /// A checkout of Zoo on this machine, as the manifest writes it: relative to the
        /// new package.
        case path(String)
        /// Zoo's git repository, followed on its `main` branch (Zoo has no tagged
        /// releases yet).
        case url(String)

        /// The checkout at `zooRoot`, written relative to `packageDirectory` (both
        /// relative to the current directory or absolute). Refuses a directory that is
        /// not a checkout of Zoo with its command-line library.
        public static func checkout(at zooRoot: String, from packageDirectory: String) throws(ScaffoldError) -> ZooDependency {
            guard FileManager.default.fileExists(atPath: "\(zooRoot)/Package.swift"),
                  FileManager.default.fileExists(atPath: "\(zooRoot)/Sources/ZooCommandLine") else {
                throw ScaffoldError("--zoo-path \(zooRoot): not a checkout of Zoo (no Package.swift and Sources/ZooCommandLine there)")
            }
            return .path(try literal(relativePath(to: zooRoot, from: packageDirectory), flag: "--zoo-path"))
        }

        /// Zoo's repository at `url`.
        public static func repository(_ url: String) throws(ScaffoldError) -> ZooDependency {
            guard !packageName(ofURL: url).isEmpty else {
                throw ScaffoldError("--zoo-url \(OneLine.quoted(url)): expected a git URL such as https://example.com/you/Zoo.git")
            }
            return .url(try literal(url, flag: "--zoo-url"))
        }

        /// The dependency as `Package.swift` lists it.
        var manifestEntry: String {
            switch self {
            case .path(let path): #".package(name: "Zoo", path: "\#(path)")"#
            case .url(let url): #".package(url: "\#(url)", branch: "main")"#
            }
        }

        /// The package name `.product(name:package:)` uses: the one given for a path,
        /// the repository's name (its identity) for a URL.
        var packageName: String {
            switch self {
            case .path: "Zoo"
            case .url(let url): Self.packageName(ofURL: url)
            }
        }

        /// A repository's name: the URL's last path component without `.git`.
        private static func packageName(ofURL url: String) -> String {
            let last = url.split(separator: "/").last.map(String.init) ?? ""
            return last.hasSuffix(".git") ? String(last.dropLast(4)) : last
        }

        /// `text` if it can stand inside a Swift string literal as it is.
        private static func literal(_ text: String, flag: String) throws(ScaffoldError) -> String {
            guard !text.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.properties.generalCategory == .control }) else {
                throw ScaffoldError("\(flag) \(OneLine.quoted(text)): quotes, backslashes and control characters cannot go into Package.swift")
            }
            return text
        }

        /// `target` relative to `base`, after making both absolute against the current
        /// directory and removing `.` and `..` components.
        static func relativePath(to target: String, from base: String) -> String {
            let from = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
            let to = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
            let common = zip(from, to).prefix { $0 == $1 }.count
            let parts = Array(repeating: "..", count: from.count - common) + to[common...]
            return parts.isEmpty ? "." : parts.joined(separator: "/")
        }
    }

    /// The plugin's names (checked as for the scaffold in Zoo's tree).
    public let plugin: PluginScaffold
    /// How the manifest depends on Zoo.
    public let zoo: ZooDependency

    /// The package for `plugin`, depending on Zoo as `zoo` says.
    public init(plugin: PluginScaffold, zoo: ZooDependency) {
        self.plugin = plugin
        self.zoo = zoo
    }

    /// Package-relative path and contents of each file.
    public var files: [(path: String, contents: String)] {
        let name = plugin.typeName
        let fill = { (template: String) in
            plugin.fill(template, module: name, registration: "AlgorithmRegistry.shared.register(\(name).self)")
        }
        let manifest = fill(PackageTemplate.manifest)
            .replacingOccurrences(of: "__ZOO__", with: zoo.manifestEntry)
            .replacingOccurrences(of: "__ZOO_PACKAGE__", with: zoo.packageName)
        return [
            ("Package.swift", manifest),
            (".gitignore", PackageTemplate.gitignore),
            ("Sources/\(name)/\(name).swift", fill(PluginTemplate.source)),
            ("Sources/\(name)CLI/main.swift", fill(PackageTemplate.main)),
            ("recipes/\(plugin.recipeKey)-cartpole.yaml", fill(PluginTemplate.recipe)),
            ("Tests/\(name)Tests/\(name)Tests.swift", fill(PluginTemplate.test)),
        ]
    }

    /// Writes the package into `directory` (created if missing). Refuses, writing
    /// nothing, when a file already exists there or `taken` (registered algorithm
    /// names) has the recipe key. Returns the package-relative paths written.
    @discardableResult
    public func write(to directory: String, taken: [String] = []) throws(ScaffoldError) -> [String] {
        try plugin.checkUnused(taken)
        try NewFiles.checkAbsent(files.map(\.path), under: directory)
        try NewFiles.write(files, under: directory)
        return files.map(\.path)
    }
}
