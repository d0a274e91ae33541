// Loader for Fixtures/offpolicy.json, produced by scripts/offpolicy_dsl_fixtures.py (see its
// docstring for the exact definitions). Every `grads` dictionary is keyed by input name.

/// A tanh-squashed Gaussian sampled with a given standard-normal `noise`.
struct SquashedSampleCase: Decodable, Sendable {
    let name: String
    let mean: FixtureTensor
    let logStd: FixtureTensor
    let noise: FixtureTensor
    let actions: FixtureTensor
    let logProb: FixtureTensor
    let upstreamActions: FixtureTensor
    let upstreamLogProb: FixtureTensor
    let grads: [String: FixtureTensor]

    enum CodingKeys: String, CodingKey {
        case name, mean, noise, actions, grads
        case logStd = "log_std", logProb = "log_prob"
        case upstreamActions = "upstream_actions", upstreamLogProb = "upstream_log_prob"
    }

    var allTensors: [FixtureTensor] {
        [mean, logStd, noise, actions, logProb, upstreamActions, upstreamLogProb] + Array(grads.values)
    }
}

/// A tanh-squashed Gaussian's log-probability of given actions.
struct SquashedLogProbCase: Decodable, Sendable {
    let name: String
    let mean: FixtureTensor
    let logStd: FixtureTensor
    let actions: FixtureTensor
    let logProb: FixtureTensor
    let upstream: FixtureTensor
    let grads: [String: FixtureTensor]

    enum CodingKeys: String, CodingKey {
        case name, mean, actions, upstream, grads
        case logStd = "log_std", logProb = "log_prob"
    }

    var allTensors: [FixtureTensor] { [mean, logStd, actions, logProb, upstream] + Array(grads.values) }
}

/// A discounted reverse scan; `bootstrap` nil means a zero start.
struct ScanCase: Decodable, Sendable {
    let name: String
    let x: FixtureTensor
    let discounts: FixtureTensor
    let bootstrap: FixtureTensor?
    let output: FixtureTensor
    let upstream: FixtureTensor
    let grads: [String: FixtureTensor]

    var allTensors: [FixtureTensor] {
        [x, discounts, output, upstream] + (bootstrap.map { [$0] } ?? []) + Array(grads.values)
    }
}

/// torch's huber_loss with mean reduction.
struct HuberCase: Decodable, Sendable {
    let name: String
    let delta: Double
    let prediction: FixtureTensor
    let target: FixtureTensor
    let loss: Double
    let grads: [String: FixtureTensor]

    var allTensors: [FixtureTensor] { [prediction, target] + Array(grads.values) }
}

/// `steps` Polyak updates of `target` toward `source` (parameters in order).
struct PolyakCase: Decodable, Sendable {
    let name: String
    let tau: Double
    let steps: Int
    let target: [FixtureTensor]
    let source: [FixtureTensor]
    let updated: [FixtureTensor]

    var allTensors: [FixtureTensor] { target + source + updated }
}

struct OffPolicyFixtureFile: Decodable, Sendable {
    let generator: String
    let versions: [String: String]
    let squashedSample: [SquashedSampleCase]
    let squashedLogProb: [SquashedLogProbCase]
    let scan: [ScanCase]
    let huber: [HuberCase]
    let polyak: [PolyakCase]

    enum CodingKeys: String, CodingKey {
        case generator, versions, scan, huber, polyak
        case squashedSample = "squashed_sample", squashedLogProb = "squashed_log_prob"
    }
}

extension Fixtures {
    static func offPolicy() throws -> OffPolicyFixtureFile { try load("offpolicy", as: OffPolicyFixtureFile.self) }
}
