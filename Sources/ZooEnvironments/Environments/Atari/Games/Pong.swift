import Atari2600

extension AtariGame {
    /// Pong (Video Olympics): the computer's score in RAM[13], the player's in RAM[14]; the
    /// reward is the change of their difference, and the game ends when either reaches 21.
    /// No lives. Paddles, with ALE's swapped paddle pair.
    public static let pong = AtariGame(
        name: "Pong", romName: "pong", md5: "60e0ea3cbe0913d39803477945e9e5ec",
        controller: .paddles(swapped: true),
        minimalActions: [.noop, .fire, .right, .left, .rightFire, .leftFire],
        modes: [0, 1], difficulties: [0, 1, 2, 3]
    ) { ram in
        let computer = Int(ram[13]), player = Int(ram[14])
        return Reading(score: player - computer, lives: 0, terminal: computer == 21 || player == 21)
    }
}
