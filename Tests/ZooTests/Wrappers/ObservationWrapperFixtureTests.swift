import Testing
import DSL
@testable import Zoo

/// Zoo's per-copy observation wrappers against Gymnasium's on the same frames
/// (`scripts/observation_wrapper_fixtures.py`): every observation of every step, exactly.
@Suite("Observation wrappers match Gymnasium")
struct ObservationWrapperFixtureTests {
    struct Fixture: Decodable {
        struct Stack: Decodable {
            let shape: [Int]
            let observations: [[[UInt8]]]
        }
        let height: Int
        let width: Int
        let episodes: [[[UInt8]]]
        let stacks: [String: Stack]
    }

    /// Shows the fixture's frames in order, episode after episode; the last frame of an
    /// episode terminates (the fixture script's `FrameReplay`).
    struct FrameReplay: Environment {
        typealias ObservationScalar = UInt8
        let episodes: [[[UInt8]]]
        let observationSpace: Box
        var random = SeededRandom(seed: 0)
        var episode = -1, t = 0
        var actionSpace: ActionSpace { .discrete(try! Discrete(1)) }

        init(_ fixture: Fixture) throws {
            episodes = fixture.episodes
            observationSpace = try Box.pixels([fixture.height, fixture.width, 3])
        }

        mutating func reset(seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>) throws(EnvError) -> Info? {
            episode += 1
            t = 0
            _ = observation.update(fromContentsOf: episodes[episode][0])
            return nil
        }

        mutating func step(_ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>) throws(EnvError) -> StepOutcome {
            t += 1
            _ = observation.update(fromContentsOf: episodes[episode][t])
            return StepOutcome(reward: 0, terminated: t == episodes[episode].count - 1)
        }
    }

    static let cases: [(name: String, wrappers: [ObservationWrapperKind])] = [
        ("grey_resize_stack", [.grayscale(weights: .gymnasium, keepDim: false), .resize(height: 13, width: 11), .frameStack(depth: 3)]),
        ("rgb_stack", [.frameStack(depth: 2)]),
        ("grey_keepdim", [.grayscale(weights: .gymnasium, keepDim: true)]),
        ("resize_rgb_up", [.resize(height: 40, width: 30)]),
    ]

    @Test("each wrapper stack gives Gymnasium's shape and observations", arguments: cases.map(\.name))
    func matchesGymnasium(name: String) throws {
        let fixture = try Fixtures.load("observation_wrappers", as: Fixture.self)
        let expected = try #require(fixture.stacks[name])
        let kinds = try #require(Self.cases.first { $0.name == name }).wrappers
        var env = try ObservationWrappers(kinds).apply(to: FrameReplay(fixture))
        #expect(env.observationSpace.shape == expected.shape)
        #expect(env.observationSpace.dtype == .uint8)
        for (e, episode) in expected.observations.enumerated() {
            var observation = try env.reset().observation
            #expect(observation == episode[0].map(Float.init), "episode \(e), reset")
            for t in 1..<episode.count {
                observation = try env.step(0).observation
                #expect(observation == episode[t].map(Float.init), "episode \(e), step \(t)")
            }
        }
    }

    @Test("a stack in a vector environment keeps uint8 rows and widens them exactly")
    func vectorRowsAreBytes() throws {
        let fixture = try Fixtures.load("observation_wrappers", as: Fixture.self)
        let expected = try #require(fixture.stacks["grey_resize_stack"])
        let copy = try ObservationWrappers(Self.cases[0].wrappers).apply(to: FrameReplay(fixture))
        let vec = try VectorEnv([copy])
        try vec.reset()
        #expect(vec.buffers.dtype == .uint8)
        #expect(vec.buffers.observations.isEmpty)
        #expect(Array(vec.buffers.pixelRow(0)) == expected.observations[0][0])
        try vec.step([0])
        #expect(vec.buffers.observationTensor().scalars == expected.observations[0][1].map(Float.init))
    }

    @Test("image wrappers on float observations are a typed error")
    func imageWrappersNeedImages() throws {
        #expect(throws: EnvError.self) { try ObservationWrappers([.grayscale(weights: .gymnasium, keepDim: false)]).apply(to: make("CartPole-v1")) }
        #expect(throws: EnvError.self) { try ObservationWrappers([.resize(height: 4, width: 4)]).apply(to: make("CartPole-v1")) }
        // A frame stack works on any observations.
        let stacked = try ObservationWrappers([.frameStack(depth: 4)]).apply(to: make("CartPole-v1"))
        #expect(stacked.observationSpace.shape == [4, 4])
    }
}
