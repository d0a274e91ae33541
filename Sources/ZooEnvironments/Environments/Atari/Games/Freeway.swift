import Atari2600

extension AtariGame {
    /// Freeway: the chicken's crossings as a decimal score in RAM[103]; no lives; the game
    /// ends when the clock runs out, which RAM[22] flags with 1. Joystick.
    public static let freeway = AtariGame(
        name: "Freeway", romName: "freeway", md5: "8e0ab801b1705a740b476b7f588c6d16",
        controller: .joystick,
        minimalActions: [.noop, .up, .down],
        modes: Array(0...7), difficulties: [0, 1]
    ) { ram in
        Reading(score: decimal(ram[103]), lives: 0, terminal: ram[22] == 1)
    }
}
