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
    /// The whole RAM (hex) every 100 frames.
    let rams: [String: String]

    /// `[action, reward, game_over, RAM CRC-32, screen CRC-32, (RAM after reset_game)]`
    struct Frame: Decodable {
        let action: Int
        let ramCRC: UInt32
        let screenCRC: UInt32
        let resetRAM: [Int]?

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            action = try c.decode(Int.self)
            _ = try c.decode(Int.self)
            _ = try c.decode(Int.self)
            ramCRC = try c.decode(UInt32.self)
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

    /// The RAM after frame `frame` when the trace holds it whole.
    func ram(_ frame: Int) -> [UInt8]? {
        guard let hex = rams[String(frame)].map({ Array($0.utf8) }) else { return nil }
        return (0..<128).map { k in UInt8(String(decoding: hex[(2 * k)..<(2 * k + 2)], as: UTF8.self), radix: 16)! }
    }
}

/// The CRC-32 (IEEE) table, one entry per byte value.
let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
    return c
}

/// CRC-32 (IEEE, as zlib's crc32) of a screen or RAM.
func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    crcTable.withUnsafeBufferPointer { table in
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
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

func compare(trace: ALETrace, rom: [UInt8], run: TraceRun) throws -> TraceComparison {
    var session = ArcadeSession(cartridge: try Cartridge(rom: rom), seed: trace.seed, controller: run.controller,
                                repeatActionProbability: trace.repeat_action_probability,
                                resetFrames: run.resetFrames, startingActions: run.startingActions)
    var result = TraceComparison()
    let resetRAM = trace.reset_ram.map { UInt8($0) }
    result.resetRAMEqual = session.console.ram == resetRAM
    if !result.resetRAMEqual {
        result.firstRAMMismatch = "after reset: " + ramDiff(session.console.ram, resetRAM)
        return result
    }
    var ramMatching = true, screenMatching = true, ramDiffPending = false
    for (n, frame) in trace.frames.enumerated() {
        session.act(try #require(Action(rawValue: frame.action)))
        let got = session.console.ram
        if ramMatching {
            if got.withUnsafeBufferPointer(crc32) == frame.ramCRC {
                result.ramFrames += 1
            } else {
                ramMatching = false
                ramDiffPending = true
                result.firstRAMMismatch = "frame \(n)"
            }
        }
        // The first whole RAM the trace holds after a mismatch says which bytes differ.
        if ramDiffPending, let expected = trace.ram(n), expected != got {
            ramDiffPending = false
            result.firstRAMMismatch! += "; at frame \(n): " + ramDiff(got, expected)
        }
        if screenMatching {
            if session.console.screen.withUnsafeBufferPointer(crc32) == frame.screenCRC {
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
        if !ramMatching && !screenMatching && !ramDiffPending { break }
        if let reset = frame.resetRAM {
            session.resetGame()
            let expected = reset.map { UInt8($0) }
            if ramMatching && session.console.ram != expected {
                ramMatching = false
                result.firstRAMMismatch = "after reset_game at frame \(n): " + ramDiff(session.console.ram, expected)
            }
        }
    }
    return result
}

func ramDiff(_ got: [UInt8], _ expected: [UInt8]) -> String {
    (0..<128).filter { got[$0] != expected[$0] }.prefix(16)
        .map { "[\($0)] \(got[$0]) != \(expected[$0])" }.joined(separator: ", ")
}

/// One recorded ale-py run: its fixture, and the ROM and controller it was played with.
struct TraceRun: Sendable, CustomTestStringConvertible {
    let fixture: String
    let md5: String
    let rom: String
    let controller: ArcadeSession.Controller
    let resetFrames: Int
    let startingActions: [Action]

    init(_ fixture: String, _ md5: String, _ rom: String, _ controller: ArcadeSession.Controller = .joystick,
         resetFrames: Int = ArcadeSession.resetFrames, startingActions: [Action] = []) {
        self.fixture = fixture
        self.md5 = md5
        self.rom = rom
        self.controller = controller
        self.resetFrames = resetFrames
        self.startingActions = startingActions
    }

    var testDescription: String { fixture }

    static let pong = "60e0ea3cbe0913d39803477945e9e5ec", breakout = "f34f08e5eb96e500e851a80be3277a56"
    static let boxing = "c3ef5c4653212088eda54dc91d787870", enduro = "94b92a882f6dbaa6993a46e2dcc58402"

    /// Two runs per game: one without sticky actions, one with ALE's 0.25.
    static let all = [
        TraceRun("ale_pong_0_0", pong, "pong.bin", .paddles(swapped: true)),
        TraceRun("ale_pong_7_25", pong, "pong.bin", .paddles(swapped: true)),
        TraceRun("ale_breakout_0_0", breakout, "breakout.bin", .paddles(swapped: false)),
        TraceRun("ale_breakout_3_25", breakout, "breakout.bin", .paddles(swapped: false)),
        TraceRun("ale_freeway_1_0", "8e0ab801b1705a740b476b7f588c6d16", "freeway.bin"),
        TraceRun("ale_freeway_4_25", "8e0ab801b1705a740b476b7f588c6d16", "freeway.bin"),
        TraceRun("ale_space_invaders_3_0", "72ffbef6504b75e69ee1045af9075f66", "space_invaders.bin"),
        TraceRun("ale_space_invaders_6_25", "72ffbef6504b75e69ee1045af9075f66", "space_invaders.bin"),
        TraceRun("ale_boxing_2_0", boxing, "boxing.bin", resetFrames: ArcadeSession.singleModeResetFrames),
        TraceRun("ale_boxing_5_25", boxing, "boxing.bin", resetFrames: ArcadeSession.singleModeResetFrames),
        TraceRun("ale_enduro_5_0", enduro, "enduro.bin", resetFrames: ArcadeSession.singleModeResetFrames, startingActions: [.fire]),
        TraceRun("ale_enduro_8_25", enduro, "enduro.bin", resetFrames: ArcadeSession.singleModeResetFrames, startingActions: [.fire]),
    ]
}

@Suite("Frame for frame against ale-py")
struct ALETraceTests {
    @Test("RAM after reset and every frame's RAM and screen", arguments: TraceRun.all)
    func trace(_ run: TraceRun) throws {
        let trace = try ALETrace.load(run.fixture)
        guard let rom = ROMLocator.find(md5: run.md5, name: run.rom) else {
            Issue.record("no ROM with MD5 \(run.md5) (\(run.rom)) found: set ZOO_ATARI_ROMS to a folder of ROMs, or `pip install ale-py`")
            return
        }
        let r = try compare(trace: trace, rom: rom, run: run)
        #expect(r.resetRAMEqual, "RAM after reset_game: \(r.firstRAMMismatch ?? "")")
        #expect(r.ramFrames == trace.frames.count, "RAM equal for \(r.ramFrames) of \(trace.frames.count) frames; first difference \(r.firstRAMMismatch ?? "")")
        #expect(r.screenFrames == trace.frames.count, "screen equal for \(r.screenFrames) of \(trace.frames.count) frames; first difference \(r.firstScreenMismatch ?? "")")
    }
}
