import Atari2600

/// What the Arcade Learning Environment knows about one game beyond the console: how its
/// score, lives and end are read from RAM, its minimal action set, its modes and
/// difficulties, and how it is controlled.
///
/// Why it exists: the emulator knows nothing of rewards; Gymnasium's Atari environments
/// are defined by these per-game facts. Each supported game is one small file in
/// `Games/` (facts recorded from ale-py as a black box: RAM addresses against its
/// rewards, lives and game-over flag over recorded play), and `AtariGames.all` lists them.
/// A game is identified by its ROM's MD5.
public struct AtariGame: Sendable {
    /// What the RAM says after a frame.
    public struct Reading: Sendable, Equatable {
        /// The score ALE's reward is the change of.
        public var score: Int
        /// ALE's `lives()`.
        public var lives: Int
        /// ALE's `game_over()` (without truncation).
        public var terminal: Bool

        public init(score: Int, lives: Int, terminal: Bool) {
            self.score = score
            self.lives = lives
            self.terminal = terminal
        }
    }

    /// The Gymnasium name: `Pong` in `ALE/Pong-v5`.
    public let name: String
    /// The ROM's file name in ale-py's `roms` folder, without `.bin`.
    public let romName: String
    /// The ROM's MD5 (lower-case hex).
    public let md5: String
    /// Joystick or paddles.
    public let controller: ArcadeSession.Controller
    /// ALE's minimal action set, in ALE's order.
    public let minimalActions: [Atari2600.Action]
    /// The game modes ALE offers and its default.
    public let modes: [Int]
    public let defaultMode: Int
    /// The difficulties ALE offers (0 is the default).
    public let difficulties: [Int]
    /// Reads score, lives and the end of the game from the RIOT's RAM.
    public let read: @Sendable ([UInt8]) -> Reading
    /// Frames ALE's reset holds RESET for: 12 for a game with several modes, 8 for one
    /// with a single mode (measured on each supported game's RAM after `reset_game`).
    public var resetFrames: Int {
        modes.count > 1 ? ArcadeSession.resetFrames : ArcadeSession.singleModeResetFrames
    }

    public init(name: String, romName: String, md5: String, controller: ArcadeSession.Controller,
                minimalActions: [Atari2600.Action], modes: [Int], defaultMode: Int = 0, difficulties: [Int],
                read: @escaping @Sendable ([UInt8]) -> Reading) {
        self.name = name
        self.romName = romName
        self.md5 = md5
        self.controller = controller
        self.minimalActions = minimalActions
        self.modes = modes
        self.defaultMode = defaultMode
        self.difficulties = difficulties
        self.read = read
    }

    /// A two-digit binary-coded-decimal byte as a number.
    @inlinable
    public static func decimal(_ byte: UInt8) -> Int { Int(byte >> 4) * 10 + Int(byte & 0x0F) }
}

/// The games Zoo supports, in the order the README lists them.
public enum AtariGames {
    public static let all: [AtariGame] = [.pong, .breakout, .freeway, .spaceInvaders, .boxing]

    /// The game called `name` (`Pong`), nil for an unsupported one.
    public static func named(_ name: String) -> AtariGame? { all.first { $0.name == name } }
}
