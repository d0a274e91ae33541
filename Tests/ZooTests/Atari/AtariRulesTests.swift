import Foundation
import Testing
@testable import ZooEnvironments

/// The per-game rules against ale-py's rewards, lives and game-over flags over the RAM it
/// recorded (no ROM or emulator involved).
@Suite("Atari game rules")
struct AtariRulesTests {
    @Test(arguments: GymAtariFixture.games)
    func rulesMatchALE(rom: String, name: String) throws {
        let fixture = try GymAtariFixture.load(rom)
        let game = try #require(AtariGames.named(name))
        var previous: (frame: Int, score: Int)?
        var events = 0
        for row in fixture.rules {
            let frame = row[0].int
            let hex = Array(row[4].text.utf8)
            let ram = (0..<128).map { k in UInt8(String(decoding: hex[(2 * k)..<(2 * k + 2)], as: UTF8.self), radix: 16)! }
            let reading = game.read(ram)
            if !row[1].isNull {
                #expect(reading.lives == row[2].int, "frame \(frame): lives")
                #expect(reading.terminal == row[3].bool, "frame \(frame): game over")
                if let previous, previous.frame == frame - 1, !reading.terminal || row[1].int != 0 {
                    #expect(reading.score - previous.score == row[1].int, "frame \(frame): reward")
                    if row[1].int != 0 { events += 1 }
                }
            }
            previous = (frame, reading.score)
        }
        #expect(events > 5, "too few rewards in the fixture to check")
    }
}
