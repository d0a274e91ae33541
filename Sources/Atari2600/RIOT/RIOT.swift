/// The 6532 RIOT: 128 bytes of RAM, the interval timer, and the two I/O ports (port A the
/// joysticks, port B the console switches).
///
/// A value type in the console's state. The timer is kept as "written at cycle W with value
/// N and interval 2^k" and evaluated when read, so the console advances it for free.
public struct RIOT: Sendable, Equatable {
    /// The 128 bytes of RAM (0x80-0xFF and its mirrors).
    public var ram = [UInt8](repeating: 0, count: 128)

    /// Port A output register and data-direction register (1 = output).
    var portAOutput: UInt8 = 0
    var portADirection: UInt8 = 0
    /// Port B output register and data-direction register.
    var portBOutput: UInt8 = 0
    var portBDirection: UInt8 = 0

    /// What drives port A's pins from outside: the joysticks (active low; 0xFF = idle).
    public var joystickLines: UInt8 = 0xFF
    /// What drives port B's pins: the console switches (bit 0 RESET and bit 1 SELECT are
    /// active low; bit 3 colour/B&W, bits 6 and 7 the difficulty switches; bits 2, 4 and 5
    /// are not connected and read 1).
    public var switchLines: UInt8 = 0x3F

    /// The value last written to a timer register. At power-on the timer runs at its
    /// 1024-cycle interval from this value (measured: Boxing's boot code spins until INTIM
    /// reads 0 in an 8-cycle loop, which never happens once the timer runs one count per
    /// cycle; ale-py's RAM after loading Boxing fits a power-on value of 5 to 8).
    var timerValue: UInt8 = RIOT.powerOnTimer
    /// The timer's power-on value.
    public static let powerOnTimer: UInt8 = 8
    /// log2 of the timer's interval: 0, 3, 6 or 10.
    var timerShift = 10
    /// The CPU cycle of that write.
    var timerWriteCycle = 0
    /// The timer flag was cleared by a timer access after its last expiry.
    var timerFlagCleared = true
    /// The cycle the flag was last cleared at (the flag is set again only by a later expiry).
    var flagClearCycle = 0

    /// A RIOT in its power-on state.
    public init() {}

    /// The cycle at which the timer passes zero (after that it counts once per cycle).
    @inline(__always)
    func expiryCycle() -> Int {
        timerWriteCycle + 1 + (Int(timerValue) << timerShift)
    }

    /// The timer's value at `cycle`.
    @inline(__always)
    func timer(at cycle: Int) -> UInt8 {
        let expiry = expiryCycle()
        if cycle < expiry {
            let elapsed = cycle - timerWriteCycle
            if elapsed <= 0 { return timerValue }
            return timerValue &- UInt8(truncatingIfNeeded: 1 + ((elapsed - 1) >> timerShift))
        }
        return 0xFF &- UInt8(truncatingIfNeeded: cycle - expiry)
    }

    /// Whether the timer flag is up at `cycle`.
    @inline(__always)
    func timerFlag(at cycle: Int) -> Bool {
        let expiry = expiryCycle()
        return cycle >= expiry && (!timerFlagCleared || flagClearCycle < expiry)
    }

    /// Sets the timer from a write to TIM1T, TIM8T, TIM64T or T1024T.
    mutating func setTimer(_ value: UInt8, shift: Int, cycle: Int) {
        timerValue = value
        timerShift = shift
        timerWriteCycle = cycle
        timerFlagCleared = true
        flagClearCycle = cycle
    }

    /// Reads an I/O or timer register (`address` has A9 and A7 set).
    mutating func readRegister(_ address: UInt16, cycle: Int) -> UInt8 {
        if address & 0x04 == 0 {
            switch address & 0x03 {
            case 0: return (portAOutput & portADirection) | (joystickLines & ~portADirection)
            case 1: return portADirection
            case 2: return (portBOutput & portBDirection) | (switchLines & ~portBDirection)
            default: return portBDirection
            }
        }
        if address & 0x01 == 0 {
            // INTIM: reading the timer clears its flag.
            let value = timer(at: cycle)
            if cycle >= expiryCycle() {
                timerFlagCleared = true
                flagClearCycle = cycle
            }
            return value
        }
        // TIMINT: bit 7 the timer flag (bit 6, the port A edge flag, is never raised here).
        return timerFlag(at: cycle) ? 0x80 : 0
    }

    /// Writes an I/O or timer register (`address` has A9 and A7 set).
    mutating func writeRegister(_ address: UInt16, _ value: UInt8, cycle: Int) {
        if address & 0x04 == 0 {
            switch address & 0x03 {
            case 0: portAOutput = value
            case 1: portADirection = value
            case 2: portBOutput = value
            default: portBDirection = value
            }
        } else if address & 0x10 != 0 {
            let shift: Int
            switch address & 0x03 {
            case 0: shift = 0
            case 1: shift = 3
            case 2: shift = 6
            default: shift = 10
            }
            setTimer(value, shift: shift, cycle: cycle)
        }
        // A2 set, A4 clear: the PA7 edge-detect control, which nothing on the 2600 uses.
    }
}
