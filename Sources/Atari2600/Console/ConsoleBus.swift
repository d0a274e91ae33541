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
    /// The ROM address mask of a cartridge with no bank switching (0x7FF for 2K, 0xFFF for
    /// 4K), -1 for the others: plain ROM reads skip the mapper's switch (an indirect jump).
    let plainMask: Int

    init(cartridge: Cartridge, tia: TIA) {
        self.cartridge = cartridge
        self.tia = tia
        watchesBus = cartridge.scheme == .fe
        switch cartridge.scheme {
        case .plain2K: plainMask = 0x7FF
        case .plain4K: plainMask = 0xFFF
        default: plainMask = -1
        }
    }

    @inline(__always)
    mutating func read(_ address: UInt16) -> UInt8 {
        let a = address & 0x1FFF
        let value: UInt8
        if a & 0x1000 != 0 {
            if plainMask >= 0 {
                value = cartridge.rom[Int(a) & plainMask]
            } else {
                value = cartridge.read(Int(a & 0x0FFF))
            }
        } else if a & 0x80 == 0 {
            value = tia.read(Int(a & 0x0F), clock: cycle &* 3, bus: dataBus)
        } else if a & 0x200 == 0 {
            value = riot.ram[Int(a & 0x7F)]
        } else {
            value = riot.readRegister(a, cycle: cycle)
        }
        if watchesBus { cartridge.observe(address: a, value: value) }
        dataBus = value
        return value
    }

    @inline(__always)
    mutating func write(_ address: UInt16, _ value: UInt8) {
        let a = address & 0x1FFF
        dataBus = value
        if watchesBus { cartridge.observe(address: a, value: value) }
        if a & 0x1000 != 0 {
            cartridge.write(Int(a & 0x0FFF), value)
        } else if a & 0x80 == 0 {
            writeTIA(Int(a & 0x3F), value)
        } else if a & 0x200 == 0 {
            riot.ram[Int(a & 0x7F)] = value
        } else {
            riot.writeRegister(a, value, cycle: cycle)
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
