/// Operand fetches and effective-address computations of the 6502 addressing modes.
extension CPU6507 {
    @inline(__always)
    mutating func fetch<B: Bus>(_ bus: inout B) -> UInt8 {
        let value = bus.read(pc)
        pc &+= 1
        return value
    }

    @inline(__always)
    mutating func fetchWord<B: Bus>(_ bus: inout B) -> UInt16 {
        let lo = UInt16(fetch(&bus))
        return lo | UInt16(fetch(&bus)) << 8
    }

    @inline(__always)
    mutating func zeroPage<B: Bus>(_ bus: inout B) -> UInt16 { UInt16(fetch(&bus)) }

    @inline(__always)
    mutating func zeroPageX<B: Bus>(_ bus: inout B) -> UInt16 { UInt16(fetch(&bus) &+ x) }

    @inline(__always)
    mutating func zeroPageY<B: Bus>(_ bus: inout B) -> UInt16 { UInt16(fetch(&bus) &+ y) }

    @inline(__always)
    mutating func absolute<B: Bus>(_ bus: inout B) -> UInt16 { fetchWord(&bus) }

    /// Absolute indexed; a read that crosses a page costs one more cycle.
    @inline(__always)
    mutating func absoluteIndexed<B: Bus>(_ bus: inout B, _ index: UInt8, read: Bool) -> UInt16 {
        let base = fetchWord(&bus)
        let address = base &+ UInt16(index)
        if read && (base ^ address) & 0xFF00 != 0 { penalty &+= 1 }
        return address
    }

    /// A pointer in page zero (the high byte's fetch wraps within the page).
    @inline(__always)
    func pointer<B: Bus>(_ bus: inout B, _ zp: UInt8) -> UInt16 {
        UInt16(bus.read(UInt16(zp))) | UInt16(bus.read(UInt16(zp &+ 1))) << 8
    }

    /// (zp,X)
    @inline(__always)
    mutating func indexedIndirect<B: Bus>(_ bus: inout B) -> UInt16 {
        let zp = fetch(&bus) &+ x
        return pointer(&bus, zp)
    }

    /// (zp),Y; a read that crosses a page costs one more cycle.
    @inline(__always)
    mutating func indirectIndexed<B: Bus>(_ bus: inout B, read: Bool) -> UInt16 {
        let base = pointer(&bus, fetch(&bus))
        let address = base &+ UInt16(y)
        if read && (base ^ address) & 0xFF00 != 0 { penalty &+= 1 }
        return address
    }

    @inline(__always)
    mutating func push<B: Bus>(_ bus: inout B, _ value: UInt8) {
        bus.write(0x0100 | UInt16(s), value)
        s &-= 1
    }

    @inline(__always)
    mutating func pull<B: Bus>(_ bus: inout B) -> UInt8 {
        s &+= 1
        return bus.read(0x0100 | UInt16(s))
    }

    /// A relative branch: one more cycle when taken, another when it lands on a new page.
    @inline(__always)
    mutating func branch<B: Bus>(_ bus: inout B, _ taken: Bool) {
        let offset = fetch(&bus)
        guard taken else { return }
        let target = pc &+ UInt16(bitPattern: Int16(Int8(bitPattern: offset)))
        penalty &+= (target ^ pc) & 0xFF00 != 0 ? 2 : 1
        pc = target
    }
}
