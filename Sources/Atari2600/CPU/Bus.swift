/// What the 6507 sees of the machine around it: a read, a write and the clock.
///
/// The CPU is generic over its bus so that the console's memory map (and a flat 64 KiB test
/// memory) is specialised into the instruction loop with no dynamic dispatch.
public protocol Bus {
    /// Reads the byte at `address` (the CPU passes the full 16-bit address; a 6507 bus
    /// decodes only its low 13 bits).
    mutating func read(_ address: UInt16) -> UInt8
    /// Writes `value` at `address`.
    mutating func write(_ address: UInt16, _ value: UInt8)
    /// Advances the clock by `cycles` CPU cycles. The CPU charges an instruction's base
    /// cycles before its first memory access (ALE's whole-instruction timing), and any
    /// page-crossing or branch penalty once the instruction is done.
    mutating func tick(_ cycles: Int)
}
