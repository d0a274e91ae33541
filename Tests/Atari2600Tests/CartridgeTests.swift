import Testing
@testable import Atari2600

@Suite("Cartridges: MD5 identification and bank switching")
struct CartridgeTests {
    @Test("MD5 matches RFC 1321's test vectors")
    func md5() {
        #expect(MD5.hex([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex(Array("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8))
            == "57edf4a22be3c955ac49da2e2107b67a")
    }

    /// A ROM of `banks` 4 KiB banks whose every byte is its bank number.
    func banked(_ banks: Int) -> [UInt8] {
        (0..<banks * 4096).map { UInt8($0 / 4096) }
    }

    @Test("the scheme follows the size; a repeated filler in every bank's first 256 bytes means SuperChip RAM")
    func detection() throws {
        #expect(try Cartridge(rom: [UInt8](repeating: 1, count: 2048)).scheme == .plain2K)
        #expect(try Cartridge(rom: [UInt8](repeating: 1, count: 4096)).scheme == .plain4K)
        #expect(try Cartridge(rom: banked(2)).scheme == .f8)
        #expect(try Cartridge(rom: banked(4)).scheme == .f6)
        var sc = banked(2)
        for bank in 0..<2 { for k in 0..<256 { sc[bank * 4096 + k] = 0xFF } }
        #expect(try Cartridge(rom: sc).scheme == .f8sc)
        #expect(throws: Cartridge.LoadError.unsupportedSize(3000)) { try Cartridge(rom: [UInt8](repeating: 0, count: 3000)) }
    }

    @Test("2K mirrors; F8 and F6 start in the last bank and switch on reads and writes of their hotspots")
    func hotspots() throws {
        var small = try Cartridge(rom: (0..<2048).map { UInt8($0 & 0xFF) })
        #expect(small.read(0x0805) == 5)
        var f8 = try Cartridge(rom: banked(2))
        #expect(f8.read(0x0000) == 1)
        _ = f8.read(0x0FF8)
        #expect(f8.read(0x0000) == 0)
        f8.write(0x0FF9, 0)
        #expect(f8.read(0x0123) == 1)
        var f6 = try Cartridge(rom: banked(4))
        #expect(f6.read(0x0000) == 3)
        _ = f6.read(0x0FF7)
        #expect(f6.read(0x0000) == 1)
    }

    @Test("SuperChip RAM is written at 0x1000-0x107F and read at 0x1080-0x10FF")
    func superChip() throws {
        var rom = banked(2)
        for bank in 0..<2 { for k in 0..<256 { rom[bank * 4096 + k] = 0 } }
        var cart = try Cartridge(rom: rom)
        cart.write(0x0005, 0x42)
        #expect(cart.read(0x0085) == 0x42)
        #expect(cart.read(0x0200) == 1)
    }

    @Test("E0 maps 1 KiB slices into the first three quarters; the last quarter is slice 7")
    func e0() throws {
        let rom = (0..<8192).map { UInt8($0 / 1024) }
        var cart = try Cartridge(rom: rom, scheme: .e0)
        #expect(cart.read(0x0000) == 4 && cart.read(0x0400) == 5 && cart.read(0x0800) == 6 && cart.read(0x0C00) == 7)
        _ = cart.read(0x0FE2)
        _ = cart.read(0x0FE9)
        _ = cart.read(0x0FF3)
        #expect(cart.read(0x0000) == 2 && cart.read(0x0400) == 1 && cart.read(0x0800) == 3 && cart.read(0x0FFF) == 7)
    }

    @Test("FE follows the byte after an access to 0x01FE: bit 5 set selects the first 4 KiB")
    func fe() throws {
        var cart = try Cartridge(rom: banked(2), scheme: .fe)
        #expect(cart.read(0x0000) == 1)
        cart.observe(address: 0x01FE, value: 0)
        cart.observe(address: 0x01FF, value: 0xF0)
        #expect(cart.read(0x0000) == 0)
        cart.observe(address: 0x01FE, value: 0)
        cart.observe(address: 0x01FF, value: 0xD0)
        #expect(cart.read(0x0000) == 1)
    }
}

@Suite("RIOT: RAM, ports and the interval timer")
struct RIOTTests {
    @Test("the timer counts down once per interval after the cycle following the write, then once per cycle past zero")
    func timer() {
        var riot = RIOT()
        riot.writeRegister(0x296, 3, cycle: 100)  // TIM64T = 3
        #expect(riot.readRegister(0x284, cycle: 100) == 3)
        #expect(riot.readRegister(0x284, cycle: 101) == 2)
        #expect(riot.readRegister(0x284, cycle: 164) == 2)
        #expect(riot.readRegister(0x284, cycle: 165) == 1)
        #expect(riot.readRegister(0x285, cycle: 292) & 0x80 == 0)
        #expect(riot.readRegister(0x285, cycle: 293) & 0x80 != 0)
        #expect(riot.readRegister(0x284, cycle: 293) == 0xFF)
        #expect(riot.readRegister(0x284, cycle: 300) == 0xF8)
        // Reading INTIM after the expiry clears the flag.
        #expect(riot.readRegister(0x285, cycle: 301) & 0x80 == 0)
    }

    @Test("ports combine the output register (where the direction register drives) with the input lines")
    func ports() {
        var riot = RIOT()
        riot.joystickLines = 0xAF
        #expect(riot.readRegister(0x280, cycle: 0) == 0xAF)
        riot.writeRegister(0x281, 0x0F, cycle: 0)
        riot.writeRegister(0x280, 0x05, cycle: 0)
        #expect(riot.readRegister(0x280, cycle: 0) == 0xA5)
        #expect(riot.readRegister(0x282, cycle: 0) == 0x3F)
    }
}

@Suite("Console state")
struct ConsoleStateTests {
    @Test("a copied console (cloneState) continues exactly as the original does")
    func cloneContinues() throws {
        guard let rom = ROMLocator.find(md5: "60e0ea3cbe0913d39803477945e9e5ec", name: "pong.bin") else {
            Issue.record("no Pong ROM (MD5 60e0ea3cbe0913d39803477945e9e5ec) found: set ZOO_ATARI_ROMS or `pip install ale-py`")
            return
        }
        var a = ArcadeSession(cartridge: try Cartridge(rom: rom), seed: 5, controller: .paddles(swapped: true),
                              repeatActionProbability: 0.25)
        for k in 0..<30 { a.act(k % 3 == 0 ? .left : .fire) }
        var b = a
        for k in 0..<60 {
            a.act(k % 4 == 0 ? .right : .leftFire)
            b.act(k % 4 == 0 ? .right : .leftFire)
        }
        #expect(a == b)
        #expect(a.console.screen == b.console.screen)
    }
}
