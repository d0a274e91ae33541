/// A console driven the way the Arcade Learning Environment drives it: ALE's load and
/// reset protocol, its actions (joystick or paddle), its sticky actions, and its random
/// generator seeded with `random_seed`.
///
/// This is the emulator-side half of ALE; what a reward or a life is belongs to the games.
public struct ArcadeSession: Sendable, Equatable {
    /// How a game is played.
    public enum Controller: Sendable, Equatable {
        /// A joystick in the left port (port A high nibble, INPT4).
        case joystick
        /// A pair of paddles in the left port; ALE moves paddle 0, or paddle 1 when the game
        /// is one whose paddles are swapped (Pong).
        case paddles(swapped: Bool)
    }

    /// ALE's paddle model: resistance bounds, the change per LEFT/RIGHT frame, and the
    /// starting resistance (the middle of the range). The right port's paddles (2 and 3)
    /// sit at the minimum (measured: Pong's readings of them match any resistance up to
    /// about 100 kΩ, i.e. charged by the first read).
    public static let paddleMinimum = 27_450.0
    public static let paddleMaximum = 790_196.0
    public static let paddleStep = 23_000.0
    public static let paddleStart = (paddleMaximum - paddleMinimum) / 2 + paddleMinimum

    /// Frames `resetGame` holds RESET for after its 60 no-op frames, for a game with more
    /// than one mode (measured: ALE's Pong frame counter advances 72 frames from the system
    /// reset to the first `act`); a game with one mode gets 8 (measured on Boxing, Seaquest
    /// and Enduro).
    public static let resetFrames = 12
    public static let singleModeResetFrames = 8

    /// The console.
    public internal(set) var console: Console
    /// The generator behind the sticky actions: two draws per frame (player A's, then
    /// player B's), a frame sticky when its draw / 2^32 < the probability. Measured: the
    /// stream starts from the seed itself after loading, untouched by the power-on fill.
    public internal(set) var random: MersenneTwister
    /// The generator behind the console's power-on RAM (seeded alike; the games checked so
    /// far clear their RAM, so its use is not yet measured).
    public internal(set) var systemRandom: MersenneTwister
    /// How the game is played.
    public let controller: Controller
    /// Probability that a frame repeats the previous action instead of the new one.
    public let repeatActionProbability: Double
    /// The action applied on the last frame (what a sticky frame repeats).
    public internal(set) var lastAction: Action = .noop
    /// Paddle 0's resistance.
    public internal(set) var paddleResistance = ArcadeSession.paddleStart
    /// Whether the load's own reset is done: ALE's later resets start the RIOT timer
    /// later (measured: after a second `reset_game`, Boxing's frame counter and Freeway's
    /// RAM[1] are those of a timer starting from 9 or more; after the first, from 5 to 8).
    var loaded = false
    static let laterResetTimer: UInt8 = 9
    /// Frames RESET is held for by `resetGame`.
    public let resetFrames: Int
    /// The actions `resetGame` plays after RESET, one frame each (measured: Enduro's RAM
    /// after ALE's reset is that of one frame of FIRE after the reset frames).
    public let startingActions: [Action]

    /// Loads `cartridge` as ALE's `loadROM` does: power on, 60 frames, reset, then
    /// `resetGame()`.
    public init(cartridge: Cartridge, seed: UInt32, controller: Controller, repeatActionProbability: Double = 0,
                resetFrames: Int = ArcadeSession.resetFrames, startingActions: [Action] = []) {
        var systemRandom = MersenneTwister(seed: seed)
        console = Console(cartridge: cartridge, random: &systemRandom)
        self.systemRandom = systemRandom
        random = MersenneTwister(seed: seed)
        self.controller = controller
        self.repeatActionProbability = repeatActionProbability
        self.resetFrames = resetFrames
        self.startingActions = startingActions
        applyInputs(.noop, reset: false)
        for _ in 0..<60 { console.runFrame() }
        resetGame()
    }

    /// ALE's `reset_game`: a system reset, 60 frames of no-op, RESET held for
    /// `resetFrames` frames, then the starting actions.
    public mutating func resetGame() {
        console.reset(random: &systemRandom, timer: loaded ? ArcadeSession.laterResetTimer : RIOT.powerOnTimer)
        loaded = true
        lastAction = .noop
        paddleResistance = ArcadeSession.paddleStart
        applyInputs(.noop, reset: false)
        for _ in 0..<60 { console.runFrame() }
        for _ in 0..<resetFrames {
            applyInputs(.noop, reset: true)
            console.runFrame()
        }
        for action in startingActions {
            applyInputs(action, reset: false)
            console.runFrame()
        }
        applyInputs(.noop, reset: false)
    }

    /// One frame with `action` (or, with the sticky probability, the previous action).
    public mutating func act(_ action: Action) {
        var chosen = action
        if repeatActionProbability > 0 {
            let draw = Double(random.next()) / 4_294_967_296.0
            _ = random.next()  // player B's draw
            if draw < repeatActionProbability { chosen = lastAction }
        }
        lastAction = chosen
        applyInputs(chosen, reset: false)
        console.runFrame()
    }

    /// Sets the controls for one frame.
    mutating func applyInputs(_ action: Action, reset: Bool) {
        console.setSwitches(reset: reset)
        switch controller {
        case .joystick:
            console.setJoystick(0, up: action.up, down: action.down, left: action.left,
                                right: action.right, fire: action.fire)
        case .paddles(let swapped):
            if action.left { paddleResistance = min(paddleResistance + ArcadeSession.paddleStep, ArcadeSession.paddleMaximum) }
            if action.right { paddleResistance = max(paddleResistance - ArcadeSession.paddleStep, ArcadeSession.paddleMinimum) }
            let (moved, still) = swapped ? (1, 0) : (0, 1)
            console.setPaddle(moved, resistance: paddleResistance, fire: action.fire)
            console.setPaddle(still, resistance: ArcadeSession.paddleStart, fire: false)
            console.setPaddle(2, resistance: ArcadeSession.paddleMinimum, fire: false)
            console.setPaddle(3, resistance: ArcadeSession.paddleMinimum, fire: false)
        }
    }
}
