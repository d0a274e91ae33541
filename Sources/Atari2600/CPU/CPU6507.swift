/// The MOS 6507 of the Atari 2600: a 6502 core (NMOS, with decimal mode and the undocumented
/// opcodes) whose bus the console decodes to 13 address lines.
///
/// A value type so that a console's whole state copies by assignment (`cloneState`), and
/// generic over its `Bus` so the memory map is specialised into `step` with no dynamic
/// dispatch. Timing follows ALE's model: an instruction's base cycles are charged to the bus
/// before it touches memory, its penalties (page crossing, taken branch) after.
public struct CPU6507: Sendable, Equatable {
    /// The accumulator.
    public var a: UInt8 = 0
    /// Index register X.
    public var x: UInt8 = 0
    /// Index register Y.
    public var y: UInt8 = 0
    /// Stack pointer (the stack is page 1).
    public var s: UInt8 = 0xFF
    /// Program counter.
    public var pc: UInt16 = 0
    /// Negative flag.
    public var n = false
    /// Overflow flag.
    public var v = false
    /// Decimal-mode flag.
    public var d = false
    /// Interrupt-disable flag.
    public var i = false
    /// Zero flag.
    public var z = false
    /// Carry flag.
    public var c = false
    /// Set by a JAM (KIL) opcode: the processor stops fetching until reset.
    public internal(set) var halted = false

    /// Extra cycles of the instruction in progress (page crossing, taken branch).
    var penalty = 0

    /// A processor in its power-on state (registers zero, stack pointer 0xFF).
    public init() {}

    /// The status register as the processor pushes it: bit 5 always set, bit 4 (B) as given.

    public func status(breakFlag: Bool = true) -> UInt8 {
        var p: UInt8 = 0x20
        if n { p |= 0x80 }
        if v { p |= 0x40 }
        if breakFlag { p |= 0x10 }
        if d { p |= 0x08 }
        if i { p |= 0x04 }
        if z { p |= 0x02 }
        if c { p |= 0x01 }
        return p
    }

    /// Loads the flags from a status byte (bits 4 and 5 do not exist in the processor).

    public mutating func setStatus(_ p: UInt8) {
        n = p & 0x80 != 0
        v = p & 0x40 != 0
        d = p & 0x08 != 0
        i = p & 0x04 != 0
        z = p & 0x02 != 0
        c = p & 0x01 != 0
    }

    /// The 6502 reset sequence: interrupts disabled, the stack pointer moved down by three,
    /// the program counter loaded from the vector at 0xFFFC. Clears a halt.
    public mutating func reset<B: Bus>(_ bus: inout B) {
        halted = false
        i = true
        s = s &- 3
        pc = UInt16(bus.read(0xFFFC)) | UInt16(bus.read(0xFFFD)) << 8
    }

    /// Base cycles of an opcode (NMOS 6502, undocumented opcodes included; 0 for JAM).
    /// A switch, which the compiler turns into a table lookup with no array to retain.
    @inline(__always)
    static func baseCycles(_ opcode: UInt8) -> Int {
        switch opcode {
        case 0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xB2, 0xD2, 0xF2:
            return 0
        case 0x04, 0x05, 0x08, 0x24, 0x25, 0x44, 0x45, 0x48, 0x4C, 0x64, 0x65, 0x84,
             0x85, 0x86, 0x87, 0xA4, 0xA5, 0xA6, 0xA7, 0xC4, 0xC5, 0xE4, 0xE5:
            return 3
        case 0x0C, 0x0D, 0x14, 0x15, 0x19, 0x1C, 0x1D, 0x28, 0x2C, 0x2D, 0x34, 0x35,
             0x39, 0x3C, 0x3D, 0x4D, 0x54, 0x55, 0x59, 0x5C, 0x5D, 0x68, 0x6D, 0x74,
             0x75, 0x79, 0x7C, 0x7D, 0x8C, 0x8D, 0x8E, 0x8F, 0x94, 0x95, 0x96, 0x97,
             0xAC, 0xAD, 0xAE, 0xAF, 0xB4, 0xB5, 0xB6, 0xB7, 0xB9, 0xBB, 0xBC, 0xBD,
             0xBE, 0xBF, 0xCC, 0xCD, 0xD4, 0xD5, 0xD9, 0xDC, 0xDD, 0xEC, 0xED, 0xF4,
             0xF5, 0xF9, 0xFC, 0xFD:
            return 4
        case 0x06, 0x07, 0x11, 0x26, 0x27, 0x31, 0x46, 0x47, 0x51, 0x66, 0x67, 0x6C,
             0x71, 0x99, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xB1, 0xB3, 0xC6, 0xC7, 0xD1,
             0xE6, 0xE7, 0xF1:
            return 5
        case 0x01, 0x0E, 0x0F, 0x16, 0x17, 0x20, 0x21, 0x2E, 0x2F, 0x36, 0x37, 0x40,
             0x41, 0x4E, 0x4F, 0x56, 0x57, 0x60, 0x61, 0x6E, 0x6F, 0x76, 0x77, 0x81,
             0x83, 0x91, 0x93, 0xA1, 0xA3, 0xC1, 0xCE, 0xCF, 0xD6, 0xD7, 0xE1, 0xEE,
             0xEF, 0xF6, 0xF7:
            return 6
        case 0x00, 0x1B, 0x1E, 0x1F, 0x3B, 0x3E, 0x3F, 0x5B, 0x5E, 0x5F, 0x7B, 0x7E,
             0x7F, 0xDB, 0xDE, 0xDF, 0xFB, 0xFE, 0xFF:
            return 7
        case 0x03, 0x13, 0x23, 0x33, 0x43, 0x53, 0x63, 0x73, 0xC3, 0xD3, 0xE3, 0xF3:
            return 8
        default:
            return 2
        }
    }

    /// Executes one instruction and returns the cycles it took (0 once halted).

    @discardableResult
    public mutating func step<B: Bus>(_ bus: inout B) -> Int {
        if halted { return 0 }
        let opcode = bus.read(pc)
        let base = CPU6507.baseCycles(opcode)
        bus.tick(base)
        pc &+= 1
        penalty = 0
        execute(opcode, &bus)
        if penalty != 0 { bus.tick(penalty) }
        return base + penalty
    }
}
