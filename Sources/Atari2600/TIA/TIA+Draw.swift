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

    /// Marks pixels `from..<to` of the line scratch `objects` where an object of `width`
    /// pixels starting at `start` (wrapping at 160) shows, with `bit`.
    @inline(__always)
    static func mark(_ objects: UnsafeMutablePointer<UInt8>, _ start: Int, width: Int, bit: UInt8, from: Int, to: Int) {
        var x = start >= TIA.width ? start - TIA.width : start
        for _ in 0..<width {
            if x >= from && x < to { objects[x] |= bit }
            x &+= 1
            if x == TIA.width { x = 0 }
        }
    }

    /// Marks a player's pixels (its copies, stretch and reflection) with `bit`.
    static func markPlayer(_ objects: UnsafeMutablePointer<UInt8>, _ position: Int, graphics: UInt8, nusiz: UInt8, reflect: Bool, bit: UInt8, from: Int, to: Int) {
        if graphics == 0 { return }
        let size = nusiz & 7
        let scale = size == 5 ? 2 : size == 7 ? 4 : 1
        let offsets = TIA.copyOffsets(size)
        for copy in 0..<3 {
            let offset = copy == 0 ? offsets.0 : copy == 1 ? offsets.1 : offsets.2
            if offset < 0 { continue }
            let start = position + offset + (scale > 1 ? 1 : 0)
            for k in 0..<8 where (graphics >> UInt8(reflect ? k : 7 - k)) & 1 != 0 {
                mark(objects, (start + k * scale) % TIA.width, width: scale, bit: bit, from: from, to: to)
            }
        }
    }

    /// Marks a missile's pixels (its copies and width) with `bit`.
    static func markMissile(_ objects: UnsafeMutablePointer<UInt8>, _ position: Int, nusiz: UInt8, bit: UInt8, from: Int, to: Int) {
        let width = 1 << Int((nusiz >> 4) & 3)
        let size = nusiz & 7
        let offsets = size == 5 || size == 7 ? (0, -1, -1) : TIA.copyOffsets(size)
        for copy in 0..<3 {
            let offset = copy == 0 ? offsets.0 : copy == 1 ? offsets.1 : offsets.2
            if offset < 0 { continue }
            mark(objects, (position + offset) % TIA.width, width: width, bit: bit, from: from, to: to)
        }
    }

    /// The colour of each combination of objects (bit 0 P0, 1 P1, 2 M0, 3 M1, 4 BL, 5 PF),
    /// left half of the screen then right half (they differ in score mode).
    mutating func rebuildColors() {
        let priority = ctrlpf & 0x04 != 0
        let score = ctrlpf & 0x02 != 0
        for half in 0..<2 {
            for objects in 0..<64 {
                let color: UInt8
                if priority {
                    if objects & 48 != 0 { color = colorPF }
                    else if objects & 5 != 0 { color = colorP0 }
                    else if objects & 10 != 0 { color = colorP1 }
                    else { color = colorBK }
                } else {
                    if objects & 5 != 0 { color = colorP0 }
                    else if objects & 10 != 0 { color = colorP1 }
                    else if objects & 16 != 0 { color = colorPF }
                    else if objects & 32 != 0 { color = score ? (half == 0 ? colorP0 : colorP1) : colorPF }
                    else { color = colorBK }
                }
                colorTable[half * 64 + objects] = color
            }
        }
        colorsDirty = false
    }

    /// Draws visible pixels `from..<to` of screen row `row`: the objects present at each
    /// pixel, the collisions among them, and the colour that wins.
    mutating func drawPixels(row: Int, from: Int, to: Int) {
        let hmoveBlank = hmoveBlankPending && from < 8
        if hmoveBlankPending && to >= 8 { hmoveBlankPending = false }
        if colorsDirty { rebuildColors() }
        let field = playfield
        let blanked = vblank & 0x02 != 0
        let base = row * TIA.width
        var seen: UInt64 = 0
        // Copies of the registers the marking reads, so that the closures below capture
        // no `self` while `lineObjects` is borrowed.
        let (p0, g0, n0, r0) = (posP0, vdelp0 ? grp0Old : grp0, nusiz0, reflectP0)
        let (p1, g1, n1, r1) = (posP1, vdelp1 ? grp1Old : grp1, nusiz1, reflectP1)
        let m0 = enam0 && !resmp0, m1 = enam1 && !resmp1
        let (pm0, pm1) = (posM0, posM1)
        let ball = vdelbl ? enablOld : enabl
        let (pb, ballWidth) = (posBL, 1 << Int((ctrlpf >> 4) & 3))
        lineObjects.withUnsafeMutableBufferPointer { buffer in
            let objects = buffer.baseAddress!
            // The playfield bit joins each pixel's objects in the colour loop below.
            (objects + from).update(repeating: 0, count: to - from)
            TIA.markPlayer(objects, p0, graphics: g0, nusiz: n0, reflect: r0, bit: 1, from: from, to: to)
            TIA.markPlayer(objects, p1, graphics: g1, nusiz: n1, reflect: r1, bit: 2, from: from, to: to)
            if m0 { TIA.markMissile(objects, pm0, nusiz: n0, bit: 4, from: from, to: to) }
            if m1 { TIA.markMissile(objects, pm1, nusiz: n1, bit: 8, from: from, to: to) }
            if ball { TIA.mark(objects, pb, width: ballWidth, bit: 16, from: from, to: to) }
        }
        lineObjects.withUnsafeBufferPointer { buffer in
            let objects = buffer.baseAddress!
            colorTable.withUnsafeBufferPointer { colorBuffer in
                let colors = colorBuffer.baseAddress!
                screen.withUnsafeMutableBufferPointer { screenBuffer in
                    let pixels = screenBuffer.baseAddress! + base
                    // Aligned blocks of 8 pixels (two playfield pixels; the screen's halves
                    // meet at 80, a block boundary) with no object are two colours, stored
                    // as one word; other pixels one by one.
                    var x = from
                    while x < to {
                        let half = x >= 80 ? 64 : 0
                        if x & 7 == 0 && x &+ 8 <= to
                            && UnsafeRawPointer(objects + x).loadUnaligned(as: UInt64.self) == 0 {
                            let pair = field &>> UInt64(x &>> 2)
                            let left = UInt8(truncatingIfNeeded: pair & 1) &<< 5
                            let right = UInt8(truncatingIfNeeded: (pair &>> 1) & 1) &<< 5
                            seen |= 1 &<< UInt64(left) | 1 &<< UInt64(right)
                            let word = UInt64(colors[half &+ Int(left)]) | UInt64(colors[half &+ Int(right)]) &<< 32
                            UnsafeMutableRawPointer(pixels + x).storeBytes(of: word &* 0x0101_0101, as: UInt64.self)
                            x &+= 8
                            continue
                        }
                        let present = objects[x] | UInt8(truncatingIfNeeded: (field &>> UInt64(x &>> 2)) & 1) &<< 5
                        seen |= 1 &<< UInt64(present)
                        pixels[x] = colors[half &+ Int(present)]
                        x &+= 1
                    }
                    if blanked {
                        (pixels + from).update(repeating: 0, count: to - from)
                    } else if hmoveBlank && from < 8 {
                        (pixels + from).update(repeating: 0, count: min(8, to) - from)
                    }
                }
            }
        }
        while seen != 0 {
            let objects = seen.trailingZeroBitCount
            collisions |= TIA.collisionTable[objects]
            seen &= seen - 1
        }
    }
}
