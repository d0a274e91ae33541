import Foundation
import Testing
@testable import Zoo

@Suite("CSV")
struct CSVTests {
    @Test func numberFormatting() {
        #expect(CSVValue.float(0.1).formatted == "0.1")
        #expect(CSVValue.double(0.1).formatted == "0.1")
        #expect(CSVValue.double(1e-5).formatted == "1e-05")
        #expect(CSVValue.double(100).formatted == "100.0")
        #expect(CSVValue.float(.greatestFiniteMagnitude).formatted == "3.4028235e+38")
        #expect(CSVValue.double(.nan).formatted == "nan")
        #expect(CSVValue.double(-.nan).formatted == "nan")
        #expect(CSVValue.float(.infinity).formatted == "inf")
        #expect(CSVValue.double(-.infinity).formatted == "-inf")
        #expect(CSVValue.int(-42).formatted == "-42")
        #expect(CSVValue.missing.formatted == "")
    }

    @Test func numbersRoundTripBitwise() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let f = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
            let d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            if f.isFinite { #expect(Float(CSVValue.float(f).formatted)?.bitPattern == f.bitPattern) }
            if d.isFinite { #expect(Double(CSVValue.double(d).formatted)?.bitPattern == d.bitPattern) }
        }
    }

    @Test func quotingAndParsingAreInverse() {
        #expect(CSVFormat.quote("plain") == "plain")
        #expect(CSVFormat.quote("a,b") == "\"a,b\"")
        #expect(CSVFormat.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFormat.quote("two\nlines") == "\"two\nlines\"")
        #expect(CSVFormat.quote(" padded") == "\" padded\"")
        let tricky = ["", "a,b", "\"", "\"\"", "x\r\ny", " ", "é😀", "a\"b", "losses/actor"]
        let text = CSVFormat.record(tricky) + CSVFormat.record(["1", ""])
        let parsed = CSVFormat.parse(text)
        #expect(parsed.records == [tricky, ["1", ""]])
        #expect(!parsed.unfinishedTail)
        #expect(CSVFormat.parse("a,b\n1,2").unfinishedTail)
        #expect(CSVFormat.parse("a,b\n\"1\n").unfinishedTail)
        #expect(CSVFormat.parse("a,b\n1,").unfinishedTail)
        #expect(CSVFormat.parse("a,b\r\n1,2\r\n").records == [["a", "b"], ["1", "2"]])
    }

    static let columns = ["update", "env_step", "losses/actor", "losses/critic", "note"]

    private func writeMetrics(_ path: String) throws {
        let log = try MetricsCSV.create(path: path, columns: Self.columns)
        try log.append(["update": 1, "env_step": 512, "losses/actor": .float(-0.25), "losses/critic": .double(1.0 / 3.0)])
        try log.append(["update": 2, "env_step": 1024, "losses/critic": .float(.nan), "note": "lr, decayed"])
        try log.append(ordered: [3, 1536, .double(1e-7), .missing, "say \"x\""])
    }

    @Test func metricsFileExactBytesAndDeterminism() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try writeMetrics(dir.file("a/metrics.csv"))
        try writeMetrics(dir.file("b/metrics.csv"))
        let expected = """
            update,env_step,losses/actor,losses/critic,note
            1,512,-0.25,0.3333333333333333,
            2,1024,,nan,"lr, decayed"
            3,1536,1e-07,,"say ""x\"\"\"

            """
        #expect(try dir.text("a/metrics.csv") == expected)
        #expect(try dir.contents("a/metrics.csv") == dir.contents("b/metrics.csv"))
    }

    @Test func rowErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("metrics.csv")
        let log = try MetricsCSV.create(path: path, columns: Self.columns)
        #expect(throws: CSVError.unknownColumn(path: path, column: "losses/entropy")) {
            try log.append(["update": 1, "losses/entropy": 0.5])
        }
        #expect(throws: CSVError.wrongValueCount(path: path, expected: 5, got: 2)) { try log.append(ordered: [1, 2]) }
        #expect(throws: CSVError.invalidColumns(path: path, columns: ["a", "a"])) {
            _ = try CSVLog.create(path: path, columns: ["a", "a"])
        }
        #expect(try dir.text("metrics.csv") == "update,env_step,losses/actor,losses/critic,note\n")
    }

    @Test func resumeDropsUnfinishedRowAndRowsAfterTheCheckpoint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("metrics.csv")
        try writeMetrics(path)
        // A crash in the middle of appending update 4.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("4,2048,0.5,\"unfinis".utf8))
        try handle.close()

        let resumed = try MetricsCSV.resume(path: path, columns: Self.columns, afterUpdate: 2)
        try resumed.append(["update": 3, "env_step": 1536])
        #expect(try dir.text("metrics.csv") == """
            update,env_step,losses/actor,losses/critic,note
            1,512,-0.25,0.3333333333333333,
            2,1024,,nan,"lr, decayed"
            3,1536,,,

            """)
        #expect(try dir.listing() == ["metrics.csv"])
    }

    @Test func resumeKeepsAnIntactFileByteForByte() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("metrics.csv")
        try writeMetrics(path)
        let before = try dir.contents("metrics.csv")
        _ = try MetricsCSV.resume(path: path, columns: Self.columns, afterUpdate: 99)
        #expect(try dir.contents("metrics.csv") == before)
    }

    @Test func resumeErrorsLeaveTheFileUntouched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("metrics.csv")
        try writeMetrics(path)
        let before = try dir.contents("metrics.csv")
        #expect(throws: CSVError.headerMismatch(path: path, expected: ["update", "other"], found: Self.columns)) {
            _ = try MetricsCSV.resume(path: path, columns: ["update", "other"], afterUpdate: 1)
        }
        #expect(throws: CSVError.cannotResume(path: path, reason: "there is no \"step\" column")) {
            _ = try CSVLog.resume(path: path, columns: Self.columns,
                                  keepRow: CSVLog.keepingRows(whose: "step", isAtMost: 1, path: path))
        }
        #expect(try dir.contents("metrics.csv") == before)
        // A missing file is simply created.
        let fresh = try MetricsCSV.resume(path: dir.file("new/metrics.csv"), columns: ["update"], afterUpdate: 3)
        try fresh.append(["update": 1])
        #expect(try dir.text("new/metrics.csv") == "update\n1\n")
    }

    @Test func episodesFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("episodes.csv")
        let episodes = try EpisodesCSV.create(path: path)
        try episodes.append([
            EpisodeRecord(update: 1, envStep: 300, copy: 0, episodeReturn: 21, length: 21, time: 0.015),
            EpisodeRecord(update: 1, envStep: 310, copy: 3, episodeReturn: -1.5, length: 9, time: 0.25),
        ])
        try episodes.append([EpisodeRecord(update: 2, envStep: 700, copy: 1, episodeReturn: 500, length: 500, time: 1)])
        try episodes.append([])
        #expect(try dir.text("episodes.csv") == """
            update,env_step,copy,return,length,time
            1,300,0,21.0,21,0.015
            1,310,3,-1.5,9,0.25
            2,700,1,500.0,500,1.0

            """)
        let resumed = try EpisodesCSV.resume(path: path, afterUpdate: 1)
        try resumed.close()
        #expect(try dir.text("episodes.csv") == "update,env_step,copy,return,length,time\n1,300,0,21.0,21,0.015\n1,310,3,-1.5,9,0.25\n")
    }
}
