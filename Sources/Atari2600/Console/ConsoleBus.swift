/// The 2600's memory map as the 6507 sees it: the cartridge at A12, the TIA below A7, the
/// RIOT's RAM (A9 clear) and registers (A9 set) above it; and the clock that drives them.
struct ConsoleBus: Bus, Sendable, Equatable {
    var cartridge: Cartridge
    var riot = RIOT()
    var tia: TIA
    /// CPU cycles since the console was reset.
    var cycle = 0
    /// The last value on the data bus (what undriven TIA bits read back).
    var dataBus: UInt8 = 0
    /// Set when the game turned VSYNC off: the frame is over.
    var frameEnded = false
    /// Whether the cartridge needs to watch every access (FE bank switching).
    let watchesBus: Bool
    /// The offsets in the cartridge window (`fastROM.lowerBound..<fastROM.upperBound`) that
    /// read ROM at `bankOffset + (offset & fastROMMask)` with no side effect: the whole window
    /// of a 2K or 4K cartridge, F8's and F6's below their hotspots, the SuperChip's above its
    /// RAM; none for E0 and FE. Fixed by the scheme, which a cartridge never changes.
    let fastROMStart: Int, fastROMEnd: Int, fastROMMask: Int

    init(cartridge: Cartridge, tia: TIA) {
        self.cartridge = cartridge
        self.tia = tia
        watchesBus = cartridge.scheme == .fe
        switch cartridge.scheme {
        case .plain2K: (fastROMStart, fastROMEnd, fastROMMask) = (0, 0x1000, 0x7FF)
        case .plain4K: (fastROMStart, fastROMEnd, fastROMMask) = (0, 0x1000, 0xFFF)
        case .f8: (fastROMStart, fastROMEnd, fastROMMask) = (0, 0xFF8, 0xFFF)
        case .f6: (fastROMStart, fastROMEnd, fastROMMask) = (0, 0xFF6, 0xFFF)
        case .f8sc: (fastROMStart, fastROMEnd, fastROMMask) = (0x100, 0xFF8, 0xFFF)
        case .f6sc: (fastROMStart, fastROMEnd, fastROMMask) = (0x100, 0xFF6, 0xFFF)
        case .e0, .fe: (fastROMStart, fastROMEnd, fastROMMask) = (0, 0, 0)
        }
    }

    /// A read. ROM outside the hotspots and RIOT RAM, most of the CPU's traffic, are decoded
    /// here, inlined into every opcode; the TIA, the RIOT's registers, hotspots and
    /// cartridge RAM go through `readDevice`, out of line, which keeps the instruction loop
    /// small.
    @inline(__always)
    mutating func read(_ address: UInt16) -> UInt8 {
        let a = Int(address & 0x1FFF)
        if !watchesBus {
            let offset = a & 0x0FFF
            if a & 0x1000 != 0 && offset >= fastROMStart && offset < fastROMEnd {
                let value = cartridge.rom[cartridge.bankOffset &+ (offset & fastROMMask)]
                dataBus = value
                return value
            }
            if a & 0x1280 == 0x80 {
                let value = riot.ram[a & 0x7F]
                dataBus = value
                return value
            }
        }
        return readDevice(a)
    }

    /// A read of anything `read` does not decode inline (`a` has its 13 bits only).
    @inline(never)
    mutating func readDevice(_ a: Int) -> UInt8 {
        let value: UInt8
        if a & 0x1000 != 0 {
            value = cartridge.read(a & 0x0FFF)
        } else if a & 0x80 == 0 {
            value = tia.read(a & 0x0F, clock: cycle &* 3, bus: dataBus)
        } else if a & 0x200 == 0 {
            value = riot.ram[a & 0x7F]
        } else {
            value = riot.readRegister(UInt16(a), cycle: cycle)
        }
        if watchesBus { cartridge.observe(address: UInt16(a), value: value) }
        dataBus = value
        return value
    }

    /// A write. RIOT RAM is written here, inlined; everything else through `writeDevice`.
    @inline(__always)
    mutating func write(_ address: UInt16, _ value: UInt8) {
        let a = Int(address & 0x1FFF)
        if !watchesBus && a & 0x1280 == 0x80 {
            dataBus = value
            riot.ram[a & 0x7F] = value
            return
        }
        writeDevice(a, value)
    }

    /// A write to anything `write` does not handle inline (`a` has its 13 bits only).
    @inline(never)
    mutating func writeDevice(_ a: Int, _ value: UInt8) {
        dataBus = value
        if watchesBus { cartridge.observe(address: UInt16(a), value: value) }
        if a & 0x1000 != 0 {
            cartridge.write(a & 0x0FFF, value)
        } else if a & 0x80 == 0 {
            writeTIA(a & 0x3F, value)
        } else if a & 0x200 == 0 {
            riot.ram[a & 0x7F] = value
        } else {
            riot.writeRegister(UInt16(a), value, cycle: cycle)
        }
    }

    @inline(__always)
    mutating func tick(_ cycles: Int) { cycle &+= cycles }

    /// TIA writes, with the two that act on the CPU: WSYNC holds it to the end of the scan
    /// line, and the end of VSYNC ends ALE's frame (measured: Pong's code between VSYNC on
    /// and off belongs to the frame before, in ale-py's RAM snapshots).
    mutating func writeTIA(_ register: Int, _ value: UInt8) {
        switch register {
        case 0x02:
            let h = tia.horizontalClock(cycle &* 3)
            if h != 0 { cycle &+= (TIA.clocksPerLine - h) / 3 }
        case 0x00:
            let ending = value & 0x02 == 0 && tia.vsync
            tia.write(register, value, clock: cycle &* 3)
            if ending { frameEnded = true }
        default:
            tia.write(register, value, clock: cycle &* 3)
        }
    }
}
