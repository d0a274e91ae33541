// Loader for Fixtures/conv.json, produced by scripts/conv_fixtures.py (see its docstring),
// and the hash that both sides use to make the Nature-CNN's weights and pixels.

/// Gradient summary of one Nature-CNN parameter: sum, sum of |g|, and values at `indices`.
struct GradientProbe: Decodable, Sendable {
    let name: String
    let shape: [Int]
    let sum: Double
    let absSum: Double
    let indices: [Int]
    let values: [Double]

    enum CodingKeys: String, CodingKey {
        case name, shape, sum, indices, values
        case absSum = "abs_sum"
    }
}

/// A parameter made by `HashValues.uniform(count, seed, bound: 1/√fanIn)`.
struct HashedParameter: Decodable, Sendable {
    let name: String
    let shape: [Int]
    let seed: Int
    let fanIn: Int

    enum CodingKeys: String, CodingKey {
        case name, shape, seed
        case fanIn = "fan_in"
    }
}

/// Pixels made by `HashValues.pixels(count, seed)`, fed to the network times 1/255.
struct HashedObservation: Decodable, Sendable {
    let shape: [Int]
    let seed: Int
}

/// The Nature-CNN actor-critic case: outputs, A2C loss terms and gradient probes.
struct NatureActorCriticFixture: Decodable, Sendable {
    let name: String
    let parameters: [HashedParameter]
    let observation: HashedObservation
    let actions: FixtureTensor
    let advantages: FixtureTensor
    let returns: FixtureTensor
    let logits: FixtureTensor
    let values: FixtureTensor
    let policyLoss: Double
    let valueLoss: Double
    let entropy: Double
    let loss: Double
    let grads: [GradientProbe]
    let hashCheck: [UInt32]

    enum CodingKeys: String, CodingKey {
        case name, parameters, observation, actions, advantages, returns, logits, values, entropy, loss, grads
        case policyLoss = "policy_loss", valueLoss = "value_loss", hashCheck = "hash_check"
    }
}

struct ConvFixtureFile: Decodable, Sendable {
    let generator: String
    let versions: [String: String]
    let conv2d: [OpCase]
    let maxPool2d: [OpCase]
    let natureActorCritic: NatureActorCriticFixture

    enum CodingKeys: String, CodingKey {
        case generator, versions, conv2d
        case maxPool2d = "max_pool2d", natureActorCritic = "nature_actor_critic"
    }
}

/// The deterministic values of scripts/conv_fixtures.py: lowbias32 of i + seed·0x9E3779B9.
enum HashValues {
    static func hash32(_ i: Int, seed: Int) -> UInt32 {
        var x = UInt32(truncatingIfNeeded: i) &+ UInt32(truncatingIfNeeded: seed) &* 0x9E37_79B9
        x ^= x >> 16
        x = x &* 0x7FEB_352D
        x ^= x >> 15
        x = x &* 0x846C_A68B
        x ^= x >> 16
        return x
    }

    /// Float((2·h/2³² − 1)·bound), computed in double precision as NumPy does.
    static func uniform(_ count: Int, seed: Int, bound: Double) -> [Float] {
        (0..<count).map { i in Float((2 * Double(hash32(i, seed: seed)) / 4_294_967_296 - 1) * bound) }
    }

    /// Integers 0…255 (the top byte of the hash) as floats.
    static func pixels(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { i in Float(hash32(i, seed: seed) >> 24) }
    }
}

extension Fixtures {
    static func conv() throws -> ConvFixtureFile { try load("conv", as: ConvFixtureFile.self) }
}
