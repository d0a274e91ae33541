import Atari2600

extension AtariGame {
    /// Breakout: a decimal score in RAM[76] (hundreds) and RAM[77] (tens and units), the
    /// lives left in RAM[57]; the game ends when no life is left. Paddles.
    public static let breakout = AtariGame(
        name: "Breakout", romName: "breakout", md5: "f34f08e5eb96e500e851a80be3277a56",
        controller: .paddles(swapped: false),
        minimalActions: [.noop, .fire, .right, .left],
        modes: [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44], difficulties: [0, 1]
    ) { ram in
        let score = decimal(ram[76]) * 100 + decimal(ram[77])
        let lives = Int(ram[57])
        return Reading(score: score, lives: lives, terminal: lives == 0)
    }
}
