import Foundation
@testable import Zoo

/// Gymnasium's recorded LunarLander episodes (`scripts/lunar_fixtures.py`).
struct LunarEpisodeFixture: Decodable {
    struct Kwargs: Decodable {
        var continuous: Bool
        var enable_wind: Bool
        var gravity: Double?
        var wind_power: Double?
        var turbulence_power: Double?
    }

    /// A discrete action or a continuous pair.
    enum RecordedAction: Decodable {
        case discrete(Int)
        case continuous([Float])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let a = try? c.decode(Int.self) { self = .discrete(a) } else { self = .continuous(try c.decode([Float].self)) }
        }
        var action: Action {
            switch self {
            case let .discrete(a): return .discrete(a)
            case let .continuous(a): return .continuous(a)
            }
        }
    }

    var seed: Int
    var kwargs: Kwargs
    var policy: String
    var reset_observation: [Double]
    var reset_draws: Int
    var actions: [RecordedAction]
    var observations: [[Double]]
    var rewards: [Double]
    var terminated: [Bool]
    var truncated: [Bool]
    var draws_after_step: [Int]
    var draw_kinds: String
    var draws: [Double]

    var configuration: LunarLanderConfiguration {
        get throws {
            try LunarLanderConfiguration(
                continuous: kwargs.continuous, gravity: kwargs.gravity ?? -10, enableWind: kwargs.enable_wind,
                windPower: kwargs.wind_power ?? 15, turbulencePower: kwargs.turbulence_power ?? 1.5)
        }
    }

    var label: String {
        "seed \(seed) \(kwargs.continuous ? "continuous" : "discrete")\(kwargs.enable_wind ? " wind" : "") \(policy)"
    }

    /// The first step (1-based, 0 = the reset step) at which a leg or the body touches
    /// the ground in Gymnasium's record, or nil.
    var firstContactStep: Int? {
        if reset_observation[6] != 0 || reset_observation[7] != 0 { return 0 }
        for (t, o) in observations.enumerated() where o[6] != 0 || o[7] != 0 || terminated[t] { return t + 1 }
        return nil
    }
}

struct LunarEpisodesFile: Decodable {
    var max_steps: Int
    var episodes: [LunarEpisodeFixture]
}

/// Gymnasium's returns for seeds 0–99.
struct LunarReturnsFile: Decodable {
    struct Distribution: Decodable {
        var continuous: Bool
        var enable_wind: Bool
        var policy: String
        var seeds: [Int]
        var returns: [Double]
        var lengths: [Int]
    }
    var distributions: [Distribution]
}

enum LunarFixtures {
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/lunar") else {
            throw Fixtures.Missing(name: "lunar/\(name)")
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    static let episodes: Result<LunarEpisodesFile, any Error> = Result { try load("episodes", as: LunarEpisodesFile.self) }
    static let returns: Result<LunarReturnsFile, any Error> = Result { try load("returns", as: LunarReturnsFile.self) }
}
