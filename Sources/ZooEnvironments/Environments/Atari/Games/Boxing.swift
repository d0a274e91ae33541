import Atari2600

extension AtariGame {
    /// Boxing: the player's punches as a decimal score in RAM[18], the computer's in
    /// RAM[19]; the reward is the change of their difference. No lives; the game ends when
    /// the two-minute clock runs out, which RAM[21] marks with 12 (KOs not yet observed).
    /// Joystick, all 18 actions.
    public static let boxing = AtariGame(
        name: "Boxing", romName: "boxing", md5: "c3ef5c4653212088eda54dc91d787870",
        controller: .joystick,
        minimalActions: Atari2600.Action.allCases,
        modes: [0], difficulties: [0, 1, 2, 3]
    ) { ram in
        Reading(score: decimal(ram[18]) - decimal(ram[19]), lives: 0, terminal: ram[21] == 12)
    }
}
