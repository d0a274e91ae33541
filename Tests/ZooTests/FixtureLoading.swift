import Foundation

/// Loads a JSON fixture from `Tests/ZooTests/Fixtures` (copied into the test bundle).
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture \(name) not found in the test bundle" }
    }

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}
