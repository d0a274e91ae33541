import Foundation
import Testing
@testable import Zoo

@Suite("AtomicFile")
struct AtomicFileTests {
    @Test func writesCreatesParentsAndLeavesNoTemporaryFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.write("hello\n", to: dir.file("a/b/c.txt"))
        #expect(try dir.text("a/b/c.txt") == "hello\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("a/b")) == ["c.txt"])
    }

    @Test func replacesExistingContentWhole() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.write(Array(repeating: 7, count: 10_000), to: dir.file("x.bin"))
        try AtomicFile.write([1, 2, 3], to: dir.file("x.bin"))
        #expect(try dir.contents("x.bin") == [1, 2, 3])
        #expect(try dir.listing() == ["x.bin"])
    }

    @Test func parentThatIsAFileIsATypedErrorNamingThePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.write("not a directory", to: dir.file("blocker"))
        let target = dir.file("blocker/out.csv")
        #expect {
            try AtomicFile.write("x", to: target)
        } throws: { error in
            guard let error = error as? FileWriteError else { return false }
            return error.path == target && error.description.contains(target)
                && error.description.contains("not a directory")
        }
    }

    @Test func failedRenameKeepsOldContentAndRemovesTemporary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A directory at the target path cannot be replaced by a file: rename fails.
        try FileManager.default.createDirectory(atPath: dir.file("target"), withIntermediateDirectories: false)
        try AtomicFile.write("inside", to: dir.file("target/keep.txt"))
        #expect(throws: FileWriteError.self) { try AtomicFile.write("x", to: dir.file("target")) }
        #expect(try dir.listing() == ["target"])
        #expect(try dir.text("target/keep.txt") == "inside")
    }
}

@Suite("AppendOnlyFile")
struct AppendOnlyFileTests {
    @Test func createAppendAndResume() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("log.txt")
        let file = try AppendOnlyFile.create(path: path, header: Array("h\n".utf8))
        try file.append(Array("1\n".utf8))
        try file.append(Array("2\n".utf8))
        #expect(try dir.text("log.txt") == "h\n1\n2\n")
        try file.close()
        #expect(throws: FileWriteError.self) { try file.append([0x41]) }

        // Simulate a crash mid-append, then resume keeping only complete lines.
        let partial = try AppendOnlyFile.resume(path: path, header: Array("h\n".utf8)) { $0 }
        try partial.append(Array("3-partial".utf8))
        let resumed = try AppendOnlyFile.resume(path: path, header: Array("h\n".utf8)) { existing in
            Array(existing[...(existing.lastIndex(of: 0x0A) ?? 0)])
        }
        #expect(try dir.text("log.txt") == "h\n1\n2\n")
        try resumed.append(Array("3\n".utf8))
        #expect(try dir.text("log.txt") == "h\n1\n2\n3\n")
    }

    @Test func resumeOfMissingFileCreatesItWithHeader() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var called = false
        let file = try AppendOnlyFile.resume(path: dir.file("new/log.txt"), header: Array("h\n".utf8)) { bytes in
            called = true
            return bytes
        }
        try file.append(Array("1\n".utf8))
        #expect(!called)
        #expect(try dir.text("new/log.txt") == "h\n1\n")
    }

    @Test func resumeRejectionLeavesFileUntouched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("log.txt")
        _ = try AppendOnlyFile.create(path: path, header: Array("other\n".utf8))
        #expect(throws: FileWriteError.self) {
            _ = try AppendOnlyFile.resume(path: path, header: Array("h\n".utf8)) { (_) throws(FileWriteError) in
                throw FileWriteError(path: path, operation: "check header", reason: "wrong header")
            }
        }
        #expect(try dir.text("log.txt") == "other\n")
    }
}
