/// The TIA's registers as the CPU writes and reads them.
extension TIA {
    /// The horizontal colour clock (0..<228) at colour clock `clock`.
    @inline(__always)
    func horizontalClock(_ clock: Int) -> Int {
        let relative = clock - frameStartClock
        let h = relative % TIA.clocksPerLine
        return h < 0 ? h + TIA.clocksPerLine : h
    }

    /// The scan line of the current frame at colour clock `clock`.
    @inline(__always)
    func scanLine(_ clock: Int) -> Int {
        (clock - frameStartClock) / TIA.clocksPerLine
    }

    /// The position an object takes when reset at colour clock `clock`: `delay` pixels to
    /// the right of the beam, or `blankPosition` when reset during horizontal blank.
    @inline(__always)
    func resetPosition(_ clock: Int, delay: Int, blankPosition: Int) -> Int {
        let h = horizontalClock(clock)
        if h < TIA.horizontalBlank { return blankPosition }
        return (h - TIA.horizontalBlank + delay) % TIA.width
    }

    /// Rebuilds the 40-pixel playfield mask from PF0-PF2 and CTRLPF's reflection bit: PF0's
    /// bits 4-7 are pixels 0-3, PF1's bits 7-0 pixels 4-11, PF2's bits 0-7 pixels 12-19; the
    /// right half repeats the left, or mirrors it.
    mutating func rebuildPlayfield() {
        let left = UInt64(pf0 >> 4) | UInt64(TIA.reversed(pf1)) << 4 | UInt64(pf2) << 12
        var right = left
        if ctrlpf & 0x01 != 0 {
            let low = UInt64(TIA.reversed(UInt8(truncatingIfNeeded: left)))
            let middle = UInt64(TIA.reversed(UInt8(truncatingIfNeeded: left >> 8)))
            let high = UInt64(TIA.reversed(UInt8(truncatingIfNeeded: left >> 16) << 4))
            right = low << 12 | middle << 4 | high
        }
        playfield = left | right << 20
    }

    /// `byte` with its bit order reversed (bit 0 becomes bit 7).
    @inline(__always)
    static func reversed(_ byte: UInt8) -> UInt8 {
        var b = byte
        b = (b & 0xF0) >> 4 | (b & 0x0F) << 4
        b = (b & 0xCC) >> 2 | (b & 0x33) << 2
        return (b & 0xAA) >> 1 | (b & 0x55) << 1
    }

    /// A motion register's signed value (-8..7; positive moves left).
    @inline(__always)
    static func motion(_ value: UInt8) -> Int { Int(Int8(bitPattern: value) >> 4) }

    @inline(__always)
    static func move(_ position: Int, _ motion: Int) -> Int {
        var p = position - motion
        if p < 0 { p += 160 } else if p >= 160 { p -= 160 }
        return p
    }

    /// The offset of a missile locked to its player's centre (RESMP), by NUSIZ size.
    static func centreOffset(_ nusiz: UInt8) -> Int {
        switch nusiz & 7 {
        case 5: return 6
        case 7: return 10
        default: return 3
        }
    }

    /// Applies a write to TIA register `register` (0x00-0x3F) at colour clock `clock`,
    /// after drawing up to that clock. VSYNC and WSYNC's effects on the CPU are the
    /// console's; here VSYNC's end starts the next frame's scan-line count.
    mutating func write(_ register: Int, _ value: UInt8, clock: Int) {
        // The graphics registers reach the picture one colour clock after the write
        // (measured: Pong's GRP1 write at pixel 151, which also moves the vertically
        // delayed ball's enable, changes pixel 152 in ale-py, not 151).
        draw(until: register == 0x1B || register == 0x1C ? clock + 1 : clock)
        switch register {
        case 0x00:
            let on = value & 0x02 != 0
            if vsync && !on { startFrame(atLineOf: clock) }
            vsync = on
        case 0x01:
            if value & 0x80 != 0 && !dumping {
                dumping = true
            } else if value & 0x80 == 0 && dumping {
                dumping = false
                dumpReleaseClock = clock
            }
            if value & 0x40 == 0 { latched0 = false; latched1 = false }
            vblank = value
        case 0x04: nusiz0 = value
        case 0x05: nusiz1 = value
        case 0x06: colorP0 = value & 0xFE; colorsDirty = true
        case 0x07: colorP1 = value & 0xFE; colorsDirty = true
        case 0x08: colorPF = value & 0xFE; colorsDirty = true
        case 0x09: colorBK = value & 0xFE; colorsDirty = true
        case 0x0A: ctrlpf = value; rebuildPlayfield(); colorsDirty = true
        case 0x0B: reflectP0 = value & 0x08 != 0
        case 0x0C: reflectP1 = value & 0x08 != 0
        case 0x0D: pf0 = value; rebuildPlayfield()
        case 0x0E: pf1 = value; rebuildPlayfield()
        case 0x0F: pf2 = value; rebuildPlayfield()
        case 0x10: posP0 = resetPosition(clock, delay: 5, blankPosition: 3)
        case 0x11: posP1 = resetPosition(clock, delay: 5, blankPosition: 3)
        case 0x12: posM0 = resetPosition(clock, delay: 4, blankPosition: 2)
        case 0x13: posM1 = resetPosition(clock, delay: 4, blankPosition: 2)
        case 0x14: posBL = resetPosition(clock, delay: 4, blankPosition: 2)
        case 0x1B: grp0 = value; grp1Old = grp1
        case 0x1C: grp1 = value; grp0Old = grp0; enablOld = enabl
        case 0x1D: enam0 = value & 0x02 != 0
        case 0x1E: enam1 = value & 0x02 != 0
        case 0x1F: enabl = value & 0x02 != 0
        case 0x20: hmp0 = TIA.motion(value)
        case 0x21: hmp1 = TIA.motion(value)
        case 0x22: hmm0 = TIA.motion(value)
        case 0x23: hmm1 = TIA.motion(value)
        case 0x24: hmbl = TIA.motion(value)
        case 0x25: vdelp0 = value & 0x01 != 0
        case 0x26: vdelp1 = value & 0x01 != 0
        case 0x27: vdelbl = value & 0x01 != 0
        case 0x28:
            let locked = value & 0x02 != 0
            if resmp0 && !locked { posM0 = (posP0 + TIA.centreOffset(nusiz0)) % TIA.width }
            resmp0 = locked
        case 0x29:
            let locked = value & 0x02 != 0
            if resmp1 && !locked { posM1 = (posP1 + TIA.centreOffset(nusiz1)) % TIA.width }
            resmp1 = locked
        case 0x2A:
            posP0 = TIA.move(posP0, hmp0)
            posP1 = TIA.move(posP1, hmp1)
            posM0 = TIA.move(posM0, hmm0)
            posM1 = TIA.move(posM1, hmm1)
            posBL = TIA.move(posBL, hmbl)
            if horizontalClock(clock) < TIA.horizontalBlank { hmoveBlankPending = true }
        case 0x2B: hmp0 = 0; hmp1 = 0; hmm0 = 0; hmm1 = 0; hmbl = 0
        case 0x2C: collisions = 0
        default: break  // WSYNC and RSYNC (the console's), audio registers
        }
    }

    /// Reads TIA register `register` (0x0-0xF) at colour clock `clock`: bits 7 and 6 are
    /// the TIA's, the rest are whatever was last on the data bus (`bus`).
    mutating func read(_ register: Int, clock: Int, bus: UInt8) -> UInt8 {
        let undriven = bus & 0x3F
        switch register {
        case 0x0...0x7:
            draw(until: clock)
            return UInt8(truncatingIfNeeded: (collisions >> UInt16(2 * register)) & 3) << 6 | undriven
        case 0x8...0xB:
            return (paddleCharged(register - 8, clock: clock) ? 0x80 : 0) | undriven
        case 0xC:
            if vblank & 0x40 != 0 && fire0 { latched0 = true }
            let pressed = vblank & 0x40 != 0 ? latched0 || fire0 : fire0
            return (pressed ? 0 : 0x80) | undriven
        case 0xD:
            if vblank & 0x40 != 0 && fire1 { latched1 = true }
            let pressed = vblank & 0x40 != 0 ? latched1 || fire1 : fire1
            return (pressed ? 0 : 0x80) | undriven
        default:
            return undriven
        }
    }

    /// Whether paddle `index`'s capacitor has charged: never while VBLANK bit 7 grounds it,
    /// otherwise once more CPU cycles than 1.6 R C (C = 0.01 µF) at 1.19 MHz have passed
    /// since the dump was released (measured against ale-py's Breakout and Pong paddles:
    /// 1.19 MHz, not 1.193 MHz, and whole cycles).
    func paddleCharged(_ index: Int, clock: Int) -> Bool {
        if dumping { return false }
        let chargeCycles = (1.6 * paddleResistance[index] * 0.01e-6 * 1.19e6).rounded(.towardZero)
        return Double((clock - dumpReleaseClock) / 3) > chargeCycles
    }

    /// Scan lines are counted from the line on which VSYNC ends (measured: with ALE's
    /// first screen line 34, this puts Pong's and Breakout's pictures where ale-py does).
    mutating func startFrame(atLineOf clock: Int) {
        frameStartClock = clock - horizontalClock(clock)
        drawnClock = clock
    }
}
