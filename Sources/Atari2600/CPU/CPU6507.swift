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

    /// Base cycles of an opcode (NMOS 6502, undocumented opcodes included; 0 for JAM), one
    /// ASCII digit per opcode: a static string's bytes are a constant table with no array to
    /// retain, no bounds check and no jump table (the old `switch` compiled to an indirect
    /// jump per instruction).
    static var cycleTable: StaticString {
        // opcodes 0x00-0x3F, 0x40-0x7F, 0x80-0xBF, 0xC0-0xFF
        "7608335532224466250844662427447766083355422244662508446624274477660833553222346625084466242744776608335542225466250844662427447726263333222244442606444425255555262633332222444425054444242444442628335522224466250844662427447726283355222244662508446624274477"
    }
    @inline(__always)
    static func baseCycles(_ opcode: UInt8) -> Int {
        Int(cycleTable.utf8Start[Int(opcode)] &- 48)
    }

    /// Executes one instruction and returns the cycles it took (0 once halted). Inlined into
    /// the console's frame loop (no call per instruction).
    @inline(__always) @discardableResult
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
