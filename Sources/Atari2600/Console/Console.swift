/// An Atari 2600 with a cartridge inserted, run the way the Arcade Learning Environment
/// runs it: whole instructions, one frame per VSYNC (ending when VSYNC does; at most 25,000
/// cycles), a power-on state drawn from a Mersenne Twister.
///
/// A value type: assigning a console clones its whole state (`cloneState`), and the
/// clone continues exactly as the original would.
public struct Console: Sendable, Equatable {
    /// The processor.
    public internal(set) var cpu = CPU6507()
    var bus: ConsoleBus
    /// Frames run since the console was last reset.
    public internal(set) var frameNumber = 0

    /// ALE's bound on one frame's length in CPU cycles, for games that stop issuing VSYNC.
    public static let maxCyclesPerFrame = 25_000

    /// A console with `cartridge` inserted, powered on and reset, its RAM filled from `random`.
    public init(cartridge: Cartridge, random: inout MersenneTwister) {
        bus = ConsoleBus(cartridge: cartridge, tia: TIA())
        reset(random: &random)
    }

    /// The frame as palette indices (210 × 160, row-major).
    public var screen: [UInt8] { bus.tia.screen }
    /// The RIOT's 128 bytes of RAM.
    public var ram: [UInt8] { bus.riot.ram }
    /// The cartridge (its bank selection and extra RAM included).
    public var cartridge: Cartridge { bus.cartridge }
    /// CPU cycles since the last reset.
    public var cycles: Int { bus.cycle }

    /// Presses the console's reset: the cartridge, RIOT, TIA and CPU return to their
    /// power-on state, and the RIOT RAM (and any cartridge RAM) is refilled from `random`;
    /// the RIOT timer starts from `timer` at its 1024-cycle interval.
    public mutating func reset(random: inout MersenneTwister, timer: UInt8 = RIOT.powerOnTimer) {
        let cartridge = bus.cartridge
        let switches = bus.riot.switchLines
        let joysticks = bus.riot.joystickLines
        let tia = bus.tia
        bus = ConsoleBus(cartridge: cartridge, tia: TIA(firstLine: tia.firstLine, screenHeight: tia.screenHeight))
        bus.cartridge.reset()
        bus.riot.timerValue = timer
        bus.riot.switchLines = switches
        bus.riot.joystickLines = joysticks
        bus.tia.paddleResistance = tia.paddleResistance
        for k in 0..<128 { bus.riot.ram[k] = UInt8(truncatingIfNeeded: random.next()) }
        if bus.cartridge.hasExtraRAM {
            bus.cartridge.fillRAM((0..<128).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
        cpu = CPU6507()
        cpu.reset(&bus)
        frameNumber = 0
    }

    /// Runs one frame: instructions until the game turns VSYNC off, or 25,000 cycles.
    public mutating func runFrame() {
        let start = bus.cycle
        let limit = start + Console.maxCyclesPerFrame
        bus.frameEnded = false
        while !bus.frameEnded && bus.cycle < limit {
            if cpu.step(&bus) == 0 {
                // A JAM stops the processor: the frame runs out its cycles.
                bus.cycle = limit
            }
        }
        bus.tia.draw(until: bus.cycle &* 3)
        frameNumber += 1
    }

    // MARK: controls

    /// Sets the console switches: RESET and SELECT held or not, the difficulty switches
    /// (false = B/novice, true = A/pro) and colour (true) or black-and-white.
    public mutating func setSwitches(reset: Bool = false, select: Bool = false,
                                     leftDifficultyA: Bool = false, rightDifficultyA: Bool = false,
                                     color: Bool = true) {
        var lines: UInt8 = 0x34  // bits 2, 4 and 5 are not connected and read 1
        if !reset { lines |= 0x01 }
        if !select { lines |= 0x02 }
        if color { lines |= 0x08 }
        if leftDifficultyA { lines |= 0x40 }
        if rightDifficultyA { lines |= 0x80 }
        bus.riot.switchLines = lines
    }

    /// Sets joystick `player`'s (0 or 1) directions and fire button.
    public mutating func setJoystick(_ player: Int, up: Bool = false, down: Bool = false,
                                     left: Bool = false, right: Bool = false, fire: Bool = false) {
        var nibble: UInt8 = 0x0F
        if up { nibble &= ~0x01 }
        if down { nibble &= ~0x02 }
        if left { nibble &= ~0x04 }
        if right { nibble &= ~0x08 }
        let shift: UInt8 = player == 0 ? 4 : 0
        bus.riot.joystickLines = (bus.riot.joystickLines & ~(0x0F << shift)) | nibble << shift
        if player == 0 { bus.tia.fire0 = fire } else { bus.tia.fire1 = fire }
    }

    /// Sets paddle `index`'s (0-3) resistance in ohms and its fire button (read through
    /// port A: paddle 0 on bit 7, paddle 1 on bit 6, paddles 2 and 3 on bits 3 and 2).
    public mutating func setPaddle(_ index: Int, resistance: Double, fire: Bool) {
        bus.tia.paddleResistance[index] = resistance
        let bit: UInt8 = [0x80, 0x40, 0x08, 0x04][index]
        if fire { bus.riot.joystickLines &= ~bit } else { bus.riot.joystickLines |= bit }
    }
}
