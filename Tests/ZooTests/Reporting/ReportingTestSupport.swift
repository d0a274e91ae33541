import Foundation

/// A fresh empty directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "zoo-reporting-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }

    func text(_ name: String) throws -> String {
        String(decoding: try contents(name), as: UTF8.self)
    }

    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The bytes of a committed fixture under `Fixtures/reporting/`.
func reportingFixture(_ name: String, _ ext: String) throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/reporting") else {
        throw FixtureMissing(name: "\(name).\(ext)")
    }
    return [UInt8](try Data(contentsOf: url))
}

struct FixtureMissing: Error { let name: String }
