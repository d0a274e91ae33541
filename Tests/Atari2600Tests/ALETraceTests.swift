import Foundation
import Testing
@testable import Atari2600

/// An ale-py trace (scripts/atari/ale_traces.py).
struct ALETrace: Decodable {
    let game: String
    let seed: UInt32
    let repeat_action_probability: Double
    let reset_ram: [Int]
    let frames: [Frame]
    let screens: [String: [Int]]

    /// `[action, reward, game_over, [[index, value]] RAM changes, screen CRC-32, (RAM after reset_game)]`
    struct Frame: Decodable {
        let action: Int
        let changes: [[Int]]
        let screenCRC: UInt32
        let resetRAM: [Int]?

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            action = try c.decode(Int.self)
            _ = try c.decode(Int.self)
            _ = try c.decode(Int.self)
            changes = try c.decode([[Int]].self)
            screenCRC = try c.decode(UInt32.self)
            resetRAM = c.isAtEnd ? nil : try c.decode([Int].self)
        }
    }

    static func load(_ name: String) throws -> ALETrace {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(ALETrace.self, from: Data(contentsOf: url))
    }

    /// The screen of frame `frame` when the trace holds it whole (run-length decoded).
    func screen(_ frame: Int) -> [UInt8]? {
        guard let runs = screens[String(frame)] else { return nil }
        var out: [UInt8] = []
        for k in stride(from: 0, to: runs.count, by: 2) {
            out += [UInt8](repeating: UInt8(runs[k]), count: runs[k + 1])
        }
        return out
    }
}

/// The CRC-32 (IEEE) table, one entry per byte value.
let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
    return c
}

/// CRC-32 (IEEE, as zlib's crc32) of a screen.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    crcTable.withUnsafeBufferPointer { table in
        bytes.withUnsafeBufferPointer { data in
            for b in data { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        }
    }
    return ~crc
}

/// How far the emulator follows an ale-py trace.
struct TraceComparison {
    var resetRAMEqual = false
    var ramFrames = 0
    var screenFrames = 0
    var firstRAMMismatch: String?
    var firstScreenMismatch: String?
}

func compare(trace: ALETrace, rom: [UInt8], controller: ArcadeSession.Controller) throws -> TraceComparison {
    var session = ArcadeSession(cartridge: try Cartridge(rom: rom), seed: trace.seed, controller: controller,
                                repeatActionProbability: trace.repeat_action_probability)
    var result = TraceComparison()
    var ram = trace.reset_ram.map { UInt8($0) }
    result.resetRAMEqual = session.console.ram == ram
    if !result.resetRAMEqual {
        result.firstRAMMismatch = "after reset: " + ramDiff(session.console.ram, ram)
        return result
    }
    var ramMatching = true, screenMatching = true
    for (n, frame) in trace.frames.enumerated() {
        session.act(try #require(Action(rawValue: frame.action)))
        for change in frame.changes { ram[change[0]] = UInt8(change[1]) }
        if ramMatching {
            if session.console.ram == ram {
                result.ramFrames += 1
            } else {
                ramMatching = false
                result.firstRAMMismatch = "frame \(n): " + ramDiff(session.console.ram, ram)
            }
        }
        if screenMatching {
            if crc32(session.console.screen) == frame.screenCRC {
                result.screenFrames += 1
            } else {
                screenMatching = false
                var message = "frame \(n)"
                if let expected = trace.screen(n) {
                    let got = session.console.screen
                    let rows = (0..<210).filter { r in got[(r * 160)..<(r * 160 + 160)] != expected[(r * 160)..<(r * 160 + 160)] }
                    message += ": rows \(rows.prefix(12)) differ"
                    if let r = rows.first {
                        message += "; row \(r) got \(Array(got[(r * 160)..<(r * 160 + 160)])) expected \(Array(expected[(r * 160)..<(r * 160 + 160)]))"
                    }
                }
                result.firstScreenMismatch = message
            }
        }
        if !ramMatching && !screenMatching { break }
        if let reset = frame.resetRAM {
            session.resetGame()
            ram = reset.map { UInt8($0) }
        }
    }
    return result
}

func ramDiff(_ got: [UInt8], _ expected: [UInt8]) -> String {
    (0..<128).filter { got[$0] != expected[$0] }.prefix(16)
        .map { "[\($0)] \(got[$0]) != \(expected[$0])" }.joined(separator: ", ")
}

@Suite("Frame for frame against ale-py")
struct ALETraceTests {
    func run(_ fixture: String, md5: String, rom name: String, controller: ArcadeSession.Controller) throws {
        let trace = try ALETrace.load(fixture)
        guard let rom = ROMLocator.find(md5: md5, name: name) else {
            Issue.record("no ROM with MD5 \(md5) (\(name)) found: set ZOO_ATARI_ROMS to a folder of ROMs, or `pip install ale-py`")
            return
        }
        let r = try compare(trace: trace, rom: rom, controller: controller)
        #expect(r.resetRAMEqual, "RAM after reset_game: \(r.firstRAMMismatch ?? "")")
        #expect(r.ramFrames == trace.frames.count, "RAM equal for \(r.ramFrames) of \(trace.frames.count) frames; first difference \(r.firstRAMMismatch ?? "")")
        #expect(r.screenFrames == trace.frames.count, "screen equal for \(r.screenFrames) of \(trace.frames.count) frames; first difference \(r.firstScreenMismatch ?? "")")
    }

    @Test("Pong, seed 0, no sticky actions: RAM after reset and every frame's RAM and screen")
    func pong() throws {
        try run("ale_pong_0_0", md5: "60e0ea3cbe0913d39803477945e9e5ec", rom: "pong.bin", controller: .paddles(swapped: true))
    }

    @Test("Pong, seed 7, sticky actions 0.25: RAM after reset and every frame's RAM and screen")
    func pongSticky() throws {
        try run("ale_pong_7_25", md5: "60e0ea3cbe0913d39803477945e9e5ec", rom: "pong.bin", controller: .paddles(swapped: true))
    }

    @Test("Breakout, seed 3, sticky actions 0.25: RAM after reset and every frame's RAM and screen")
    func breakoutSticky() throws {
        try run("ale_breakout_3_25", md5: "f34f08e5eb96e500e851a80be3277a56", rom: "breakout.bin", controller: .paddles(swapped: false))
    }

    @Test("Breakout, seed 0, no sticky actions: RAM after reset and every frame's RAM and screen")
    func breakout() throws {
        try run("ale_breakout_0_0", md5: "f34f08e5eb96e500e851a80be3277a56", rom: "breakout.bin", controller: .paddles(swapped: false))
    }
}
