import Foundation
import Testing
@testable import Atari2600

struct TracingBus: Bus {
    var inner: ConsoleBus
    var log: [String] = []
    var pc: UInt16 = 0
    mutating func read(_ address: UInt16) -> UInt8 { inner.read(address) }
    mutating func write(_ address: UInt16, _ value: UInt8) {
        if address & 0x1FFF == 0xC3 || address & 0x1FFF == 0x92 || address & 0x1FFF == 0x91 { log.append("W \(String(address, radix: 16))=\(value) pc \(String(pc, radix: 16)) line \(inner.tia.scanLine(inner.cycle*3))") }
        inner.write(address, value)
    }
    mutating func tick(_ cycles: Int) { inner.tick(cycles) }
}

@Test func scratch() throws {
    let rom = try #require(ROMLocator.find(md5: "60e0ea3cbe0913d39803477945e9e5ec", name: "pong.bin"))
    let trace = try ALETrace.load("ale_pong_0_0")
    var s = ArcadeSession(cartridge: try Cartridge(rom: rom), seed: 0, controller: .paddles(swapped: true))
    for f in trace.frames.prefix(118) { s.act(Action(rawValue: f.action)!) }
    s.applyInputs(Action(rawValue: trace.frames[118].action)!, reset: false)
    var c = s.console
    var t = TracingBus(inner: c.bus)
    t.inner.frameEnded = false
    var steps: [String] = []
    while !t.inner.frameEnded {
        t.pc = c.cpu.pc
        if (0xF0A0...0xF0C0).contains(c.cpu.pc) || (0xF110...0xF120).contains(c.cpu.pc) { steps.append("\(String(c.cpu.pc, radix: 16)) a=\(c.cpu.a) x=\(c.cpu.x)") }
        c.cpu.step(&t)
    }
    print("L", t.log.joined(separator: "\nL "))
    print("L", steps.suffix(30).joined(separator: " | "))
}
