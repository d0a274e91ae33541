/// The arithmetic and logic of the 6502, NMOS decimal mode included.
extension CPU6507 {
    @inline(__always)
    mutating func setNZ(_ value: UInt8) {
        n = value & 0x80 != 0
        z = value == 0
    }

    /// ADC; in decimal mode N, V and Z follow the NMOS 6502 (Z from the binary sum, N and V
    /// from the sum after the low-digit adjustment).

    mutating func adc(_ m: UInt8) {
        let carry: UInt16 = c ? 1 : 0
        let binary = UInt16(a) + UInt16(m) + carry
        if !d {
            v = (~(a ^ m) & (a ^ UInt8(truncatingIfNeeded: binary))) & 0x80 != 0
            c = binary > 0xFF
            a = UInt8(truncatingIfNeeded: binary)
            setNZ(a)
            return
        }
        z = binary & 0xFF == 0
        var lo = UInt16(a & 0x0F) + UInt16(m & 0x0F) + carry
        if lo > 9 { lo = ((lo &+ 6) & 0x0F) + 0x10 }
        var sum = UInt16(a & 0xF0) + UInt16(m & 0xF0) + lo
        n = sum & 0x80 != 0
        v = (~(a ^ m) & (a ^ UInt8(truncatingIfNeeded: sum))) & 0x80 != 0
        if sum >= 0xA0 { sum &+= 0x60 }
        c = sum > 0xFF
        a = UInt8(truncatingIfNeeded: sum)
    }

    /// SBC; in decimal mode all flags come from the binary difference (NMOS 6502).

    mutating func sbc(_ m: UInt8) {
        let borrow: Int = c ? 0 : 1
        let binary = Int(a) - Int(m) - borrow
        let result = UInt8(truncatingIfNeeded: binary)
        v = ((a ^ m) & (a ^ result)) & 0x80 != 0
        c = binary >= 0
        if !d {
            a = result
            setNZ(a)
            return
        }
        setNZ(result)
        var lo = Int(a & 0x0F) - Int(m & 0x0F) - borrow
        if lo < 0 { lo = ((lo - 6) & 0x0F) - 0x10 }
        var diff = Int(a & 0xF0) - Int(m & 0xF0) + lo
        if diff < 0 { diff -= 0x60 }
        a = UInt8(truncatingIfNeeded: diff)
    }

    @inline(__always)
    mutating func compare(_ register: UInt8, _ m: UInt8) {
        c = register >= m
        setNZ(register &- m)
    }

    @inline(__always)
    mutating func asl(_ m: UInt8) -> UInt8 {
        c = m & 0x80 != 0
        let r = m << 1
        setNZ(r)
        return r
    }

    @inline(__always)
    mutating func lsr(_ m: UInt8) -> UInt8 {
        c = m & 0x01 != 0
        let r = m >> 1
        setNZ(r)
        return r
    }

    @inline(__always)
    mutating func rol(_ m: UInt8) -> UInt8 {
        let r = m << 1 | (c ? 1 : 0)
        c = m & 0x80 != 0
        setNZ(r)
        return r
    }

    @inline(__always)
    mutating func ror(_ m: UInt8) -> UInt8 {
        let r = m >> 1 | (c ? 0x80 : 0)
        c = m & 0x01 != 0
        setNZ(r)
        return r
    }

    @inline(__always)
    mutating func bit(_ m: UInt8) {
        n = m & 0x80 != 0
        v = m & 0x40 != 0
        z = a & m == 0
    }

    /// ARR (undocumented): AND then rotate right, with its own C and V rules, and a decimal
    /// adjustment of each digit in decimal mode.

    mutating func arr(_ m: UInt8) {
        let t = a & m
        let r = t >> 1 | (c ? 0x80 : 0)
        if !d {
            a = r
            setNZ(r)
            c = r & 0x40 != 0
            v = ((r >> 6) ^ (r >> 5)) & 1 != 0
            return
        }
        n = c
        z = r == 0
        v = (t ^ r) & 0x40 != 0
        var result = r
        if (t & 0x0F) &+ (t & 0x01) > 5 { result = (result & 0xF0) | ((result &+ 6) & 0x0F) }
        if UInt16(t & 0xF0) + UInt16(t & 0x10) > 0x50 {
            result &+= 0x60
            c = true
        } else {
            c = false
        }
        a = result
    }

    /// SBX (undocumented): X = (A & X) − operand, flags as CMP.
    @inline(__always)
    mutating func sbx(_ m: UInt8) {
        let t = a & x
        c = t >= m
        x = t &- m
        setNZ(x)
    }

    /// The unstable stores SHA/SHX/SHY/TAS: the stored value is ANDed with the base
    /// address's high byte plus one (the behaviour the test reference defines; the real
    /// chip also corrupts the address when the index crosses a page, which no 2600 game
    /// relies on).
    @inline(__always)
    mutating func unstableStore<B: Bus>(_ bus: inout B, base: UInt16, index: UInt8, value: UInt8) {
        bus.write(base &+ UInt16(index), value & (UInt8(truncatingIfNeeded: base >> 8) &+ 1))
    }
}
