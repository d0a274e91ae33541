import Atari2600

extension AtariGame {
    /// Space Invaders: a decimal score in RAM[102] (thousands and hundreds) and RAM[104]
    /// (tens and units), the lives left in RAM[73]; the game ends when no life is left.
    /// Joystick.
    public static let spaceInvaders = AtariGame(
        name: "SpaceInvaders", romName: "space_invaders", md5: "72ffbef6504b75e69ee1045af9075f66",
        controller: .joystick,
        minimalActions: [.noop, .fire, .right, .left, .rightFire, .leftFire],
        modes: Array(0...15), difficulties: [0, 1]
    ) { ram in
        let lives = Int(ram[73])
        return Reading(score: decimal(ram[102]) * 100 + decimal(ram[104]), lives: lives, terminal: lives == 0)
    }
}
