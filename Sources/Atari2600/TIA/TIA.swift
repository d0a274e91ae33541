/// The TIA: the 2600's video chip (playfield, two players, two missiles, ball, collisions)
/// and its input ports (paddles, fire buttons).
///
/// The CPU runs ahead; before every TIA write (and at the end of a frame) the TIA draws the
/// colour clocks the beam has passed since it last drew, then applies the write. Positions
/// are in visible pixels 0..<160. The screen holds palette indices (the colour registers'
/// values), 160 wide, `screenHeight` lines from scan line `firstLine` of the frame.
public struct TIA: Sendable, Equatable {
    /// Screen width in pixels.
    public static let width = 160
    /// Colour clocks per scan line (68 of horizontal blank, then 160 visible).
    static let clocksPerLine = 228
    static let horizontalBlank = 68

    /// The frame as palette indices, `screenHeight` × 160, row-major.
    public internal(set) var screen: [UInt8]
    /// Lines of the frame kept on the screen (ALE: 210).
    public let screenHeight: Int
    /// The frame's first scan line kept on the screen (counted from the VSYNC that began it).
    public let firstLine: Int

    /// Colour clock (3 per CPU cycle, since power-on) at which the current frame began.
    var frameStartClock = 0
    /// Colour clock up to which the frame has been drawn.
    var drawnClock = 0

    // MARK: registers
    var vsync = false
    var vblank: UInt8 = 0
    var colorP0: UInt8 = 0, colorP1: UInt8 = 0, colorPF: UInt8 = 0, colorBK: UInt8 = 0
    var ctrlpf: UInt8 = 0
    /// The 40 playfield pixels of a line as bits (bit i = pixel i), rebuilt on PF/CTRLPF writes.
    var playfield: UInt64 = 0
    var pf0: UInt8 = 0, pf1: UInt8 = 0, pf2: UInt8 = 0
    var nusiz0: UInt8 = 0, nusiz1: UInt8 = 0
    var reflectP0 = false, reflectP1 = false
    var grp0: UInt8 = 0, grp0Old: UInt8 = 0, grp1: UInt8 = 0, grp1Old: UInt8 = 0
    var enam0 = false, enam1 = false, enabl = false, enablOld = false
    var vdelp0 = false, vdelp1 = false, vdelbl = false
    var resmp0 = false, resmp1 = false
    var hmp0: Int = 0, hmp1: Int = 0, hmm0: Int = 0, hmm1: Int = 0, hmbl: Int = 0
    var posP0 = 0, posP1 = 0, posM0 = 0, posM1 = 0, posBL = 0
    /// The 15 collision latches (bit order of `Collision`).
    var collisions: UInt16 = 0
    /// An HMOVE during horizontal blank blanks the first 8 pixels of the next line drawn on
    /// the screen (measured: Pong's HMOVE on scan line 27, above the screen, blanks the
    /// start of screen row 0 in ale-py).
    var hmoveBlankPending = false

    /// Scratch for one line: the objects present at each pixel (bit 0 P0 … bit 5 PF).
    var lineObjects = [UInt8](repeating: 0, count: TIA.width)
    /// The colour of each object combination, left half then right half (`rebuildColors`).
    var colorTable = [UInt8](repeating: 0, count: 128)
    /// A colour or CTRLPF write since `colorTable` was built.
    var colorsDirty = true

    // MARK: inputs
    /// Fire button of joystick 0 (INPT4), pressed = true.
    public var fire0 = false
    /// Fire button of joystick 1 (INPT5), pressed = true.
    public var fire1 = false
    /// INPT4/INPT5 latches (VBLANK bit 6): once a button is seen pressed it reads pressed.
    var latched0 = false, latched1 = false
    /// Paddle resistances in ohms (INPT0-3); their capacitors charge in proportion.
    public var paddleResistance: [Double] = [Double](repeating: 1_000_000, count: 4)
    /// Colour clock at which the paddle capacitors were last released (VBLANK bit 7 cleared).
    var dumpReleaseClock = 0
    var dumping = false

    /// A TIA whose screen keeps `screenHeight` lines from scan line `firstLine`.
    public init(firstLine: Int = 34, screenHeight: Int = 210) {
        self.firstLine = firstLine
        self.screenHeight = screenHeight
        screen = [UInt8](repeating: 0, count: screenHeight * TIA.width)
    }
}
