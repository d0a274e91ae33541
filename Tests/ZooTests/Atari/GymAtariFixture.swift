import Foundation
import Testing
@testable import ZooEnvironments

/// `Tests/ZooTests/Fixtures/gym_atari_<game>.json`, written by
/// `scripts/atari/gym_atari_fixtures.py` from Gymnasium and ale-py.
struct GymAtariFixture: Decodable {
    struct Episode: Decodable {
        let seed: Int
        let reset_crc: UInt32
        let reset_ram_crc: UInt32
        let reset_lives: Int
        /// [action, reward, terminated, truncated, lives, observation CRC-32, RAM CRC-32] per step.
        let steps: [[Step]]
    }

    /// One heterogeneous JSON array entry.
    enum Step: Decodable {
        case number(Double), flag(Bool), text(String), null
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .flag(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else { self = .text(try c.decode(String.self)) }
        }
        var int: Int { if case let .number(d) = self { return Int(d) }; return -1 }
        var double: Double { if case let .number(d) = self { return d }; return .nan }
        var bool: Bool { if case let .flag(b) = self { return b }; return false }
        var text: String { if case let .text(s) = self { return s }; return "" }
        var isNull: Bool { if case .null = self { return true }; return false }
    }

    let game: String
    let v5: [Episode]
    let preprocessed: [Episode]
    /// [frame, reward, lives, game over, RAM hex] (the middle three null on a frame kept
    /// only as the one before an event).
    let rules: [[Step]]

    /// The games with a fixture: (ROM name, Gymnasium name).
    static let games = [("pong", "Pong"), ("breakout", "Breakout"), ("freeway", "Freeway"), ("space_invaders", "SpaceInvaders"),
                        ("boxing", "Boxing")]

    static func load(_ rom: String) throws -> GymAtariFixture {
        try Fixtures.load("gym_atari_\(rom)", as: GymAtariFixture.self)
    }
}

/// CRC-32 (IEEE, zlib's) of bytes, as the fixture script digests observations.
func zlibCRC32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

/// The environment `id` with its ROM, or nil after recording an issue that says no ROM
/// was found (a test without its ROM must not pass silently).
func atariOrIssue(_ id: String, _ kwargs: Kwargs = [:]) -> (any Environment)? {
    do {
        return try make(id, kwargs)
    } catch {
        if case .romNotFound = error {
            Issue.record("skipped: \(error)")
        } else {
            Issue.record("\(error)")
        }
        return nil
    }
}
