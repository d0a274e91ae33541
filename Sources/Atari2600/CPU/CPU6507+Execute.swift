/// The instruction decoder: one switch over all 256 opcodes.
extension CPU6507 {
    /// The "magic" constant the NMOS 6502 ORs into A in the unstable ANE and LXA opcodes.
    static let unstableMagic: UInt8 = 0xEE

    @inline(__always)
    mutating func execute<B: Bus>(_ opcode: UInt8, _ bus: inout B) {
        switch opcode {
        // MARK: loads
        case 0xA9: a = fetch(&bus); setNZ(a)
        case 0xA5: a = bus.read(zeroPage(&bus)); setNZ(a)
        case 0xB5: a = bus.read(zeroPageX(&bus)); setNZ(a)
        case 0xAD: a = bus.read(absolute(&bus)); setNZ(a)
        case 0xBD: a = bus.read(absoluteIndexed(&bus, x, read: true)); setNZ(a)
        case 0xB9: a = bus.read(absoluteIndexed(&bus, y, read: true)); setNZ(a)
        case 0xA1: a = bus.read(indexedIndirect(&bus)); setNZ(a)
        case 0xB1: a = bus.read(indirectIndexed(&bus, read: true)); setNZ(a)
        case 0xA2: x = fetch(&bus); setNZ(x)
        case 0xA6: x = bus.read(zeroPage(&bus)); setNZ(x)
        case 0xB6: x = bus.read(zeroPageY(&bus)); setNZ(x)
        case 0xAE: x = bus.read(absolute(&bus)); setNZ(x)
        case 0xBE: x = bus.read(absoluteIndexed(&bus, y, read: true)); setNZ(x)
        case 0xA0: y = fetch(&bus); setNZ(y)
        case 0xA4: y = bus.read(zeroPage(&bus)); setNZ(y)
        case 0xB4: y = bus.read(zeroPageX(&bus)); setNZ(y)
        case 0xAC: y = bus.read(absolute(&bus)); setNZ(y)
        case 0xBC: y = bus.read(absoluteIndexed(&bus, x, read: true)); setNZ(y)
        // LAX (undocumented)
        case 0xA7: a = bus.read(zeroPage(&bus)); x = a; setNZ(a)
        case 0xB7: a = bus.read(zeroPageY(&bus)); x = a; setNZ(a)
        case 0xAF: a = bus.read(absolute(&bus)); x = a; setNZ(a)
        case 0xBF: a = bus.read(absoluteIndexed(&bus, y, read: true)); x = a; setNZ(a)
        case 0xA3: a = bus.read(indexedIndirect(&bus)); x = a; setNZ(a)
        case 0xB3: a = bus.read(indirectIndexed(&bus, read: true)); x = a; setNZ(a)
        // LXA (undocumented, unstable)
        case 0xAB: a = (a | CPU6507.unstableMagic) & fetch(&bus); x = a; setNZ(a)
        // LAS (undocumented)
        case 0xBB:
            let value = bus.read(absoluteIndexed(&bus, y, read: true)) & s
            a = value; x = value; s = value; setNZ(value)

        // MARK: stores
        case 0x85: bus.write(zeroPage(&bus), a)
        case 0x95: bus.write(zeroPageX(&bus), a)
        case 0x8D: bus.write(absolute(&bus), a)
        case 0x9D: bus.write(absoluteIndexed(&bus, x, read: false), a)
        case 0x99: bus.write(absoluteIndexed(&bus, y, read: false), a)
        case 0x81: bus.write(indexedIndirect(&bus), a)
        case 0x91: bus.write(indirectIndexed(&bus, read: false), a)
        case 0x86: bus.write(zeroPage(&bus), x)
        case 0x96: bus.write(zeroPageY(&bus), x)
        case 0x8E: bus.write(absolute(&bus), x)
        case 0x84: bus.write(zeroPage(&bus), y)
        case 0x94: bus.write(zeroPageX(&bus), y)
        case 0x8C: bus.write(absolute(&bus), y)
        // SAX (undocumented)
        case 0x87: bus.write(zeroPage(&bus), a & x)
        case 0x97: bus.write(zeroPageY(&bus), a & x)
        case 0x8F: bus.write(absolute(&bus), a & x)
        case 0x83: bus.write(indexedIndirect(&bus), a & x)
        // SHA, SHX, SHY, TAS (undocumented, unstable)
        case 0x9F: let base = fetchWord(&bus); unstableStore(&bus, base: base, index: y, value: a & x)
        case 0x93:
            let base = pointer(&bus, fetch(&bus))
            unstableStore(&bus, base: base, index: y, value: a & x)
        case 0x9E: let base = fetchWord(&bus); unstableStore(&bus, base: base, index: y, value: x)
        case 0x9C: let base = fetchWord(&bus); unstableStore(&bus, base: base, index: x, value: y)
        case 0x9B:
            s = a & x
            let base = fetchWord(&bus)
            unstableStore(&bus, base: base, index: y, value: s)

        // MARK: transfers and stack
        case 0xAA: x = a; setNZ(x)
        case 0xA8: y = a; setNZ(y)
        case 0x8A: a = x; setNZ(a)
        case 0x98: a = y; setNZ(a)
        case 0xBA: x = s; setNZ(x)
        case 0x9A: s = x
        case 0x48: push(&bus, a)
        case 0x08: push(&bus, status(breakFlag: true))
        case 0x68: a = pull(&bus); setNZ(a)
        case 0x28: setStatus(pull(&bus))

        // MARK: logic
        case 0x29: a &= fetch(&bus); setNZ(a)
        case 0x25: a &= bus.read(zeroPage(&bus)); setNZ(a)
        case 0x35: a &= bus.read(zeroPageX(&bus)); setNZ(a)
        case 0x2D: a &= bus.read(absolute(&bus)); setNZ(a)
        case 0x3D: a &= bus.read(absoluteIndexed(&bus, x, read: true)); setNZ(a)
        case 0x39: a &= bus.read(absoluteIndexed(&bus, y, read: true)); setNZ(a)
        case 0x21: a &= bus.read(indexedIndirect(&bus)); setNZ(a)
        case 0x31: a &= bus.read(indirectIndexed(&bus, read: true)); setNZ(a)
        case 0x09: a |= fetch(&bus); setNZ(a)
        case 0x05: a |= bus.read(zeroPage(&bus)); setNZ(a)
        case 0x15: a |= bus.read(zeroPageX(&bus)); setNZ(a)
        case 0x0D: a |= bus.read(absolute(&bus)); setNZ(a)
        case 0x1D: a |= bus.read(absoluteIndexed(&bus, x, read: true)); setNZ(a)
        case 0x19: a |= bus.read(absoluteIndexed(&bus, y, read: true)); setNZ(a)
        case 0x01: a |= bus.read(indexedIndirect(&bus)); setNZ(a)
        case 0x11: a |= bus.read(indirectIndexed(&bus, read: true)); setNZ(a)
        case 0x49: a ^= fetch(&bus); setNZ(a)
        case 0x45: a ^= bus.read(zeroPage(&bus)); setNZ(a)
        case 0x55: a ^= bus.read(zeroPageX(&bus)); setNZ(a)
        case 0x4D: a ^= bus.read(absolute(&bus)); setNZ(a)
        case 0x5D: a ^= bus.read(absoluteIndexed(&bus, x, read: true)); setNZ(a)
        case 0x59: a ^= bus.read(absoluteIndexed(&bus, y, read: true)); setNZ(a)
        case 0x41: a ^= bus.read(indexedIndirect(&bus)); setNZ(a)
        case 0x51: a ^= bus.read(indirectIndexed(&bus, read: true)); setNZ(a)
        case 0x24: bit(bus.read(zeroPage(&bus)))
        case 0x2C: bit(bus.read(absolute(&bus)))
        // ANC, ALR, ARR, ANE (undocumented)
        case 0x0B, 0x2B: a &= fetch(&bus); setNZ(a); c = n
        case 0x4B: a = lsr(a & fetch(&bus))
        case 0x6B: arr(fetch(&bus))
        case 0x8B: a = (a | CPU6507.unstableMagic) & x & fetch(&bus); setNZ(a)

        // MARK: arithmetic
        case 0x69: adc(fetch(&bus))
        case 0x65: adc(bus.read(zeroPage(&bus)))
        case 0x75: adc(bus.read(zeroPageX(&bus)))
        case 0x6D: adc(bus.read(absolute(&bus)))
        case 0x7D: adc(bus.read(absoluteIndexed(&bus, x, read: true)))
        case 0x79: adc(bus.read(absoluteIndexed(&bus, y, read: true)))
        case 0x61: adc(bus.read(indexedIndirect(&bus)))
        case 0x71: adc(bus.read(indirectIndexed(&bus, read: true)))
        case 0xE9, 0xEB: sbc(fetch(&bus))
        case 0xE5: sbc(bus.read(zeroPage(&bus)))
        case 0xF5: sbc(bus.read(zeroPageX(&bus)))
        case 0xED: sbc(bus.read(absolute(&bus)))
        case 0xFD: sbc(bus.read(absoluteIndexed(&bus, x, read: true)))
        case 0xF9: sbc(bus.read(absoluteIndexed(&bus, y, read: true)))
        case 0xE1: sbc(bus.read(indexedIndirect(&bus)))
        case 0xF1: sbc(bus.read(indirectIndexed(&bus, read: true)))
        case 0xC9: compare(a, fetch(&bus))
        case 0xC5: compare(a, bus.read(zeroPage(&bus)))
        case 0xD5: compare(a, bus.read(zeroPageX(&bus)))
        case 0xCD: compare(a, bus.read(absolute(&bus)))
        case 0xDD: compare(a, bus.read(absoluteIndexed(&bus, x, read: true)))
        case 0xD9: compare(a, bus.read(absoluteIndexed(&bus, y, read: true)))
        case 0xC1: compare(a, bus.read(indexedIndirect(&bus)))
        case 0xD1: compare(a, bus.read(indirectIndexed(&bus, read: true)))
        case 0xE0: compare(x, fetch(&bus))
        case 0xE4: compare(x, bus.read(zeroPage(&bus)))
        case 0xEC: compare(x, bus.read(absolute(&bus)))
        case 0xC0: compare(y, fetch(&bus))
        case 0xC4: compare(y, bus.read(zeroPage(&bus)))
        case 0xCC: compare(y, bus.read(absolute(&bus)))
        case 0xCB: sbx(fetch(&bus))

        // MARK: increments and decrements
        case 0xE8: x &+= 1; setNZ(x)
        case 0xC8: y &+= 1; setNZ(y)
        case 0xCA: x &-= 1; setNZ(x)
        case 0x88: y &-= 1; setNZ(y)
        // MARK: shifts, rotates, increments and decrements of memory
        case 0x0A: a = asl(a)
        case 0x4A: a = lsr(a)
        case 0x2A: a = rol(a)
        case 0x6A: a = ror(a)
        case 0x06, 0x16, 0x0E, 0x1E,
             0x46, 0x56, 0x4E, 0x5E,
             0x26, 0x36, 0x2E, 0x3E,
             0x66, 0x76, 0x6E, 0x7E,
             0xC6, 0xD6, 0xCE, 0xDE,
             0xE6, 0xF6, 0xEE, 0xFE:
            let address = readModifyWriteAddress(opcode, &bus)
            let m = bus.read(address)
            let r: UInt8
            switch opcode & 0xE0 {
            case 0x00: r = asl(m)
            case 0x40: r = lsr(m)
            case 0x20: r = rol(m)
            case 0x60: r = ror(m)
            case 0xC0: r = m &- 1; setNZ(r)
            default: r = m &+ 1; setNZ(r)
            }
            bus.write(address, r)
        // SLO, RLA, SRE, RRA, DCP, ISC (undocumented read-modify-write combinations)
        case 0x03, 0x07, 0x0F, 0x13, 0x17, 0x1B, 0x1F,
             0x23, 0x27, 0x2F, 0x33, 0x37, 0x3B, 0x3F,
             0x43, 0x47, 0x4F, 0x53, 0x57, 0x5B, 0x5F,
             0x63, 0x67, 0x6F, 0x73, 0x77, 0x7B, 0x7F,
             0xC3, 0xC7, 0xCF, 0xD3, 0xD7, 0xDB, 0xDF,
             0xE3, 0xE7, 0xEF, 0xF3, 0xF7, 0xFB, 0xFF:
            let address = readModifyWriteAddress(opcode, &bus)
            let m = bus.read(address)
            let r: UInt8
            switch opcode & 0xE0 {
            case 0x00: r = asl(m); a |= r; setNZ(a)
            case 0x20: r = rol(m); a &= r; setNZ(a)
            case 0x40: r = lsr(m); a ^= r; setNZ(a)
            case 0x60: r = ror(m); adc(r)
            case 0xC0: r = m &- 1; compare(a, r)
            default: r = m &+ 1; sbc(r)
            }
            bus.write(address, r)

        // MARK: flags
        case 0x18: c = false
        case 0x38: c = true
        case 0x58: i = false
        case 0x78: i = true
        case 0xB8: v = false
        case 0xD8: d = false
        case 0xF8: d = true

        // MARK: jumps, calls, interrupts
        case 0x4C: pc = fetchWord(&bus)
        case 0x6C:
            let pointer = fetchWord(&bus)
            // The NMOS 6502 fetches the high byte without carrying into the page.
            let hi = (pointer & 0xFF00) | UInt16(UInt8(truncatingIfNeeded: pointer) &+ 1)
            pc = UInt16(bus.read(pointer)) | UInt16(bus.read(hi)) << 8
        case 0x20:
            let lo = UInt16(fetch(&bus))
            push(&bus, UInt8(truncatingIfNeeded: pc >> 8))
            push(&bus, UInt8(truncatingIfNeeded: pc))
            pc = lo | UInt16(bus.read(pc)) << 8
        case 0x60:
            let lo = UInt16(pull(&bus))
            pc = (lo | UInt16(pull(&bus)) << 8) &+ 1
        case 0x40:
            setStatus(pull(&bus))
            let lo = UInt16(pull(&bus))
            pc = lo | UInt16(pull(&bus)) << 8
        case 0x00:
            pc &+= 1
            push(&bus, UInt8(truncatingIfNeeded: pc >> 8))
            push(&bus, UInt8(truncatingIfNeeded: pc))
            push(&bus, status(breakFlag: true))
            i = true
            pc = UInt16(bus.read(0xFFFE)) | UInt16(bus.read(0xFFFF)) << 8

        // MARK: branches
        case 0x10: branch(&bus, !n)
        case 0x30: branch(&bus, n)
        case 0x50: branch(&bus, !v)
        case 0x70: branch(&bus, v)
        case 0x90: branch(&bus, !c)
        case 0xB0: branch(&bus, c)
        case 0xD0: branch(&bus, !z)
        case 0xF0: branch(&bus, z)

        // MARK: no-operations (documented and undocumented, with their operand reads)
        case 0xEA, 0x1A, 0x3A, 0x5A, 0x7A, 0xDA, 0xFA: break
        case 0x80, 0x82, 0x89, 0xC2, 0xE2: pc &+= 1
        case 0x04, 0x44, 0x64: _ = bus.read(zeroPage(&bus))
        case 0x14, 0x34, 0x54, 0x74, 0xD4, 0xF4: _ = bus.read(zeroPageX(&bus))
        case 0x0C: _ = bus.read(absolute(&bus))
        case 0x1C, 0x3C, 0x5C, 0x7C, 0xDC, 0xFC: _ = bus.read(absoluteIndexed(&bus, x, read: true))

        // MARK: JAM
        default:
            // 0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xB2, 0xD2, 0xF2
            halted = true
            pc &-= 1
        }
    }

    /// The effective address of a read-modify-write opcode from its addressing-mode column
    /// (x3 (zp,X), x7 zp, xF abs, y3 (zp),Y, y7 zp,X, yB abs,Y, yF abs,X; and the documented
    /// x6 zp, xE abs, y6 zp,X, yE abs,X).
    @inline(__always)
    mutating func readModifyWriteAddress<B: Bus>(_ opcode: UInt8, _ bus: inout B) -> UInt16 {
        let odd = opcode & 0x10 != 0
        switch opcode & 0x0F {
        case 0x03: return odd ? indirectIndexed(&bus, read: false) : indexedIndirect(&bus)
        case 0x06, 0x07: return odd ? zeroPageX(&bus) : zeroPage(&bus)
        case 0x0B: return absoluteIndexed(&bus, y, read: false)
        default: return odd ? absoluteIndexed(&bus, x, read: false) : absolute(&bus)
        }
    }
}
