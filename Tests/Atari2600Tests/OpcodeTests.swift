import Foundation
import Testing
@testable import Atari2600

/// A flat 64 KiB memory that counts cycles, for running single instructions.
struct FlatBus: Bus {
    var memory = [UInt8](repeating: 0, count: 0x10000)
    var cycles = 0
    mutating func read(_ address: UInt16) -> UInt8 { memory[Int(address)] }
    mutating func write(_ address: UInt16, _ value: UInt8) { memory[Int(address)] = value }
    mutating func tick(_ cycles: Int) { self.cycles += cycles }
}

/// One instruction from the reference: registers `[pc, a, x, y, s, p]` before and after.
struct OpcodeCase: Decodable {
    let opcode: Int
    let before: [Int]
    let initial: [[Int]]
    let after: [Int]
    let written: [[Int]]
    let cycles: Int

    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        opcode = try c.decode(Int.self)
        before = try c.decode([Int].self)
        initial = try c.decode([[Int]].self)
        after = try c.decode([Int].self)
        written = try c.decode([[Int]].self)
        cycles = try c.decode(Int.self)
    }
}

struct OpcodeFixture: Decodable {
    let source: String
    let cases: [OpcodeCase]

    static func load() throws -> OpcodeFixture {
        let url = try #require(Bundle.module.url(forResource: "opcodes", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(OpcodeFixture.self, from: Data(contentsOf: url))
    }
}

@Suite("6507: every opcode against an independent NMOS 6502 reference")
struct OpcodeTests {
    @Test("all 244 non-JAM opcodes: registers, flags, memory written and cycles")
    func everyOpcode() throws {
        let fixture = try OpcodeFixture.load()
        var failures: [Int: String] = [:]
        var opcodes = Set<Int>()
        var bus = FlatBus()
        for t in fixture.cases {
            opcodes.insert(t.opcode)
            for pair in t.initial { bus.memory[pair[0]] = UInt8(pair[1]) }
            bus.cycles = 0
            var cpu = CPU6507()
            cpu.pc = UInt16(t.before[0])
            cpu.a = UInt8(t.before[1]); cpu.x = UInt8(t.before[2]); cpu.y = UInt8(t.before[3])
            cpu.s = UInt8(t.before[4]); cpu.setStatus(UInt8(t.before[5]))
            let cycles = cpu.step(&bus)
            let got = [Int(cpu.pc), Int(cpu.a), Int(cpu.x), Int(cpu.y), Int(cpu.s), Int(cpu.status())]
            var problems: [String] = []
            if got != t.after { problems.append("registers \(got) != \(t.after)") }
            if cycles != t.cycles || bus.cycles != t.cycles { problems.append("cycles \(cycles) != \(t.cycles)") }
            for pair in t.written where bus.memory[pair[0]] != UInt8(pair[1]) {
                problems.append("memory[\(pair[0])] \(bus.memory[pair[0]]) != \(pair[1])")
            }
            if !problems.isEmpty && failures[t.opcode] == nil {
                failures[t.opcode] = "before \(t.before): " + problems.joined(separator: ", ")
            }
            // Clear what this case touched so the next one starts from zeros.
            for pair in t.initial { bus.memory[pair[0]] = 0 }
            for pair in t.written { bus.memory[pair[0]] = 0 }
        }
        #expect(opcodes.count == 244)
        for (opcode, message) in failures.sorted(by: { $0.key < $1.key }) {
            Issue.record("opcode \(String(opcode, radix: 16)): \(message)")
        }
    }

    @Test("the twelve JAM opcodes halt the processor where they stand")
    func jam() {
        for opcode: UInt8 in [0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xB2, 0xD2, 0xF2] {
            var bus = FlatBus()
            bus.memory[0x1000] = opcode
            var cpu = CPU6507()
            cpu.pc = 0x1000
            cpu.step(&bus)
            #expect(cpu.halted && cpu.pc == 0x1000)
            #expect(cpu.step(&bus) == 0)
            cpu.reset(&bus)
            #expect(!cpu.halted)
        }
    }
}
