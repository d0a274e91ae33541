/// Drawing: the colour clocks the beam has passed become pixels and collision latches.
extension TIA {
    /// Collision latches raised by each combination of objects present at one pixel
    /// (bit 0 P0, 1 P1, 2 M0, 3 M1, 4 BL, 5 PF).
    static let collisionTable: [UInt16] = (0..<64).map { objects in
        func has(_ bit: Int) -> Bool { objects & (1 << bit) != 0 }
        let (p0, p1, m0, m1, bl, pf) = (0, 1, 2, 3, 4, 5)
        // (register, bit 7 pair, bit 6 pair) in CXM0P … CXPPMM order.
        let pairs: [((Int, Int), (Int, Int)?)] = [
            ((m0, p1), (m0, p0)), ((m1, p0), (m1, p1)), ((p0, pf), (p0, bl)), ((p1, pf), (p1, bl)),
            ((m0, pf), (m0, bl)), ((m1, pf), (m1, bl)), ((bl, pf), nil), ((p0, p1), (m0, m1)),
        ]
        var latches: UInt16 = 0
        for (register, pair) in pairs.enumerated() {
            if has(pair.0.0) && has(pair.0.1) { latches |= 1 << (2 * register + 1) }
            if let low = pair.1, has(low.0) && has(low.1) { latches |= 1 << (2 * register) }
        }
        return latches
    }

    /// The offsets of a player's (or missile's) second and third copies for NUSIZ value `n`
    /// (-1: no such copy).
    @inline(__always)
    static func copyOffsets(_ n: UInt8) -> (Int, Int, Int) {
        switch n & 7 {
        case 1: return (0, 16, -1)
        case 2: return (0, 32, -1)
        case 3: return (0, 16, 32)
        case 4: return (0, 64, -1)
        case 6: return (0, 32, 64)
        default: return (0, -1, -1)
        }
    }

    /// Whether the player with this graphics byte shows a pixel at distance `d` (0..<160)
    /// to the right of its position.
    @inline(__always)
    static func playerPixel(_ d: Int, graphics: UInt8, nusiz: UInt8, reflect: Bool) -> Bool {
        if graphics == 0 { return false }
        let size = nusiz & 7
        var k: Int
        if size == 5 {
            k = (d - 1) >> 1
            if d < 1 || k >= 8 { return false }
        } else if size == 7 {
            k = (d - 1) >> 2
            if d < 1 || k >= 8 { return false }
        } else {
            let offsets = copyOffsets(size)
            if d >= 0 && d < 8 {
                k = d
            } else if offsets.1 >= 0 && d >= offsets.1 && d < offsets.1 + 8 {
                k = d - offsets.1
            } else if offsets.2 >= 0 && d >= offsets.2 && d < offsets.2 + 8 {
                k = d - offsets.2
            } else {
                return false
            }
        }
        let bit = reflect ? k : 7 - k
        return (graphics >> UInt8(bit)) & 1 != 0
    }

    /// Whether a missile shows a pixel at distance `d` to the right of its position.
    @inline(__always)
    static func missilePixel(_ d: Int, nusiz: UInt8) -> Bool {
        let width = 1 << Int((nusiz >> 4) & 3)
        let size = nusiz & 7
        if size == 5 || size == 7 { return d < width }
        let offsets = copyOffsets(size)
        if d < width { return true }
        if offsets.1 >= 0 && d >= offsets.1 && d < offsets.1 + width { return true }
        return offsets.2 >= 0 && d >= offsets.2 && d < offsets.2 + width
    }

    /// Distance from `position` to pixel `x`, going right and wrapping at 160.
    @inline(__always)
    static func distance(_ x: Int, _ position: Int) -> Int {
        let d = x - position
        return d < 0 ? d + 160 : d
    }

    /// Draws every colour clock from `drawnClock` up to `clock`.
    mutating func draw(until clock: Int) {
        var c = drawnClock
        if clock <= c { return }
        drawnClock = clock
        while c < clock {
            let relative = c - frameStartClock
            let line = relative / TIA.clocksPerLine
            let h = relative - line * TIA.clocksPerLine
            let lineEnd = c - h + TIA.clocksPerLine
            let row = line - firstLine
            if row < 0 || row >= screenHeight {
                c = lineEnd
                continue
            }
            let from = max(h, TIA.horizontalBlank) - TIA.horizontalBlank
            let to = min(clock, lineEnd) - (c - h) - TIA.horizontalBlank
            if to > from { drawPixels(row: row, from: from, to: to) }
            c = min(clock, lineEnd)
        }
    }

    /// Draws visible pixels `from..<to` of screen row `row`.
    mutating func drawPixels(row: Int, from: Int, to: Int) {
        let hmoveBlank = hmoveBlankPending && from < 8
        if hmoveBlankPending && to >= 8 { hmoveBlankPending = false }
        let g0 = vdelp0 ? grp0Old : grp0
        let g1 = vdelp1 ? grp1Old : grp1
        let ball = vdelbl ? enablOld : enabl
        let ballWidth = 1 << Int((ctrlpf >> 4) & 3)
        let showM0 = enam0 && !resmp0
        let showM1 = enam1 && !resmp1
        let priority = ctrlpf & 0x04 != 0
        let score = ctrlpf & 0x02 != 0
        let blanked = vblank & 0x02 != 0
        let base = row * TIA.width
        for x in from..<to {
            var objects = 0
            if TIA.playerPixel(TIA.distance(x, posP0), graphics: g0, nusiz: nusiz0, reflect: reflectP0) { objects |= 1 }
            if TIA.playerPixel(TIA.distance(x, posP1), graphics: g1, nusiz: nusiz1, reflect: reflectP1) { objects |= 2 }
            if showM0 && TIA.missilePixel(TIA.distance(x, posM0), nusiz: nusiz0) { objects |= 4 }
            if showM1 && TIA.missilePixel(TIA.distance(x, posM1), nusiz: nusiz1) { objects |= 8 }
            if ball && TIA.distance(x, posBL) < ballWidth { objects |= 16 }
            if (playfield >> UInt64(x >> 2)) & 1 != 0 { objects |= 32 }
            collisions |= TIA.collisionTable[objects]
            var color: UInt8
            if blanked || (hmoveBlank && x < 8) {
                color = 0
            } else if priority {
                if objects & 48 != 0 { color = colorPF }
                else if objects & 5 != 0 { color = colorP0 }
                else if objects & 10 != 0 { color = colorP1 }
                else { color = colorBK }
            } else {
                if objects & 5 != 0 { color = colorP0 }
                else if objects & 10 != 0 { color = colorP1 }
                else if objects & 16 != 0 { color = colorPF }
                else if objects & 32 != 0 { color = score ? (x < 80 ? colorP0 : colorP1) : colorPF }
                else { color = colorBK }
            }
            screen[base + x] = color
        }
    }
}
