import Foundation

// Loader for the reference fixtures in Tests/DSLTests/Fixtures/*.json, produced by
// scripts/dsl_fixtures.py from PyTorch (and einx for named axes). See that script for the
// exact definitions; every float is float32 rounded to 9 significant digits (round-trips
// Float exactly).

/// A tensor as stored in a fixture: flat row-major `data` with `shape`.
/// `dtype` is absent for float32, `"int64"` for integer tensors and `"bool"` (0/1) for booleans.
struct FixtureTensor: Decodable, Sendable, Equatable {
    let shape: [Int]
    let data: [Double]
    let dtype: String?

    /// Number of elements implied by `shape` (1 for a 0-d tensor).
    var count: Int { shape.reduce(1, *) }
    var isFloat: Bool { dtype == nil }
    var isInt: Bool { dtype == "int64" }
    var isBool: Bool { dtype == "bool" }

    var floats: [Float] { data.map { Float($0) } }
    var ints: [Int] { data.map { Int($0) } }
    var bools: [Bool] { data.map { $0 != 0 } }
}

/// A tensor with a parameter name, e.g. `0.weight` ([out, in]) or `0.bias`.
struct NamedFixtureTensor: Decodable, Sendable {
    let name: String
    let value: FixtureTensor
}

/// An attribute value: JSON integer, number, boolean or arrays of integers / numbers.
/// Integral JSON numbers decode as `.int`; use `double` / `doubles` to read any number.
enum AttrValue: Decodable, Sendable, Equatable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case ints([Int])
    case doubles([Double])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Bool.self) {
            self = .bool(v)
        } else if let v = try? c.decode(Int.self) {
            self = .int(v)
        } else if let v = try? c.decode(Double.self) {
            self = .double(v)
        } else if let v = try? c.decode([Int].self) {
            self = .ints(v)
        } else if let v = try? c.decode([Double].self) {
            self = .doubles(v)
        } else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "attribute is not an int, number, bool or array of numbers")
        }
    }

    var int: Int? {
        switch self {
        case .int(let v): v
        case .double(let v): v == v.rounded() ? Int(v) : nil
        default: nil
        }
    }

    var double: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        default: nil
        }
    }

    var bool: Bool? {
        if case .bool(let v) = self { v } else { nil }
    }

    var ints: [Int]? {
        switch self {
        case .ints(let v): v
        case .int(let v): [v]
        default: nil
        }
    }

    var doubles: [Double]? {
        switch self {
        case .doubles(let v): v
        case .ints(let v): v.map(Double.init)
        default: nil
        }
    }
}

/// Attribute access shared by the case types that carry `attrs`.
protocol HasAttrs {
    var attrs: [String: AttrValue] { get }
}

extension HasAttrs {
    func int(_ key: String) -> Int? { attrs[key]?.int }
    func double(_ key: String) -> Double? { attrs[key]?.double }
    func bool(_ key: String) -> Bool? { attrs[key]?.bool }
    func ints(_ key: String) -> [Int]? { attrs[key]?.ints }
    func doubles(_ key: String) -> [Double]? { attrs[key]?.doubles }
}

/// ops.json: one op applied to `inputs`; `grads[i]` = d sum(output * upstream) / d inputs[i]
/// (nil for int/bool inputs; `upstream` and all grads are nil when the output is not float).
struct OpCase: Decodable, Sendable, HasAttrs {
    let name: String
    let op: String
    let attrs: [String: AttrValue]
    let inputs: [FixtureTensor]
    let output: FixtureTensor
    let upstream: FixtureTensor?
    let grads: [FixtureTensor?]

    var allTensors: [FixtureTensor] {
        inputs + [output] + (upstream.map { [$0] } ?? []) + grads.compactMap { $0 }
    }
}

/// named_axes.json: an einx call `op(pattern, inputs..., **sizes)` (op `rearrange` = einx.id).
struct NamedAxesCase: Decodable, Sendable, HasAttrs {
    let name: String
    let op: String
    let pattern: String
    let sizes: [String: Int]
    let attrs: [String: AttrValue]
    let note: String?
    let inputs: [FixtureTensor]
    let output: FixtureTensor
    let upstream: FixtureTensor?
    let grads: [FixtureTensor?]

    var allTensors: [FixtureTensor] {
        inputs + [output] + (upstream.map { [$0] } ?? []) + grads.compactMap { $0 }
    }
}

/// optimizers.json `cases`: a torch.optim optimizer (`SGD`, `Adam`, `RMSprop`; attrs spelled as
/// torch's arguments) fed the fixed gradients `grads[t][p]`; `trajectory[t][p]` is parameter p
/// after step t+1. Two parameters: shapes [3, 4] and [4].
struct OptimizerCase: Decodable, Sendable, HasAttrs {
    let name: String
    let optimizer: String
    let attrs: [String: AttrValue]
    let initial: [FixtureTensor]
    let grads: [[FixtureTensor]]
    let trajectory: [[FixtureTensor]]

    var allTensors: [FixtureTensor] { initial + grads.flatMap { $0 } + trajectory.flatMap { $0 } }
}

/// optimizers.json `clip_grad_norm`: torch.nn.utils.clip_grad_norm_ (L2 over all gradients;
/// coef = min(1, maxNorm / (totalNorm + 1e-6))).
struct ClipCase: Decodable, Sendable {
    let name: String
    let maxNorm: Double
    let normType: Double
    let grads: [FixtureTensor]
    let totalNorm: Double
    let clipped: [FixtureTensor]
    let note: String?

    enum CodingKeys: String, CodingKey {
        case name, grads, clipped, note
        case maxNorm = "max_norm", normType = "norm_type", totalNorm = "total_norm"
    }

    var allTensors: [FixtureTensor] { grads + clipped }
}

/// optimizers.json `linear_lr`: LinearLR(startFactor, endFactor, totalIters); `lrs[i]` is the
/// learning rate after i+1 scheduler steps (totalIters + 2 entries).
struct LinearLRCase: Decodable, Sendable {
    let name: String
    let baseLR: Double
    let startFactor: Double
    let endFactor: Double
    let totalIters: Int
    let initialLR: Double
    let lrs: [Double]

    enum CodingKeys: String, CodingKey {
        case name, lrs
        case baseLR = "base_lr", startFactor = "start_factor", endFactor = "end_factor"
        case totalIters = "total_iters", initialLR = "initial_lr"
    }
}

struct OptimizersFile: Decodable, Sendable {
    let generator: String
    let versions: [String: String]
    let cases: [OptimizerCase]
    let clipGradNorm: [ClipCase]
    let linearLR: [LinearLRCase]

    enum CodingKeys: String, CodingKey {
        case generator, versions, cases
        case clipGradNorm = "clip_grad_norm", linearLR = "linear_lr"
    }
}

/// distributions.json. `distribution` is `categorical` (inputs `logits` [B, A], `actions` int64 [B];
/// grads key `logits`) or `diag_gaussian` (inputs `mean` [B, D], `log_std` [D], `actions` [B, D];
/// log_prob and entropy summed over D; grads keys `mean`, `log_std`). Grads are of
/// sum(upstreamLogProb * logProb) + sum(upstreamEntropy * entropy).
struct DistributionCase: Decodable, Sendable {
    let name: String
    let distribution: String
    let inputs: [String: FixtureTensor]
    let logProb: FixtureTensor
    let entropy: FixtureTensor
    let upstreamLogProb: FixtureTensor
    let upstreamEntropy: FixtureTensor
    let grads: [String: FixtureTensor]

    enum CodingKeys: String, CodingKey {
        case name, distribution, inputs, entropy, grads
        case logProb = "log_prob", upstreamLogProb = "upstream_log_prob"
        case upstreamEntropy = "upstream_entropy"
    }

    var allTensors: [FixtureTensor] {
        Array(inputs.values) + [logProb, entropy, upstreamLogProb, upstreamEntropy] + Array(grads.values)
    }
}

/// mlp.json: 8-64-64-4 tanh MLP (torch.nn.Linear: y = x W^T + b, weight [out, in]);
/// `grads` of loss = sum(output * upstream); `afterAdamStep` = parameters after one Adam step.
struct MLPFixture: Decodable, Sendable {
    let name: String
    let architecture: String
    let parameters: [NamedFixtureTensor]
    let input: FixtureTensor
    let output: FixtureTensor
    let upstream: FixtureTensor
    let loss: Double
    let grads: [NamedFixtureTensor]
    let adam: [String: AttrValue]
    let afterAdamStep: [NamedFixtureTensor]

    enum CodingKeys: String, CodingKey {
        case name, architecture, parameters, input, output, upstream, loss, grads, adam
        case afterAdamStep = "after_adam_step"
    }

    func parameter(_ name: String) -> FixtureTensor? { parameters.first { $0.name == name }?.value }
    func grad(_ name: String) -> FixtureTensor? { grads.first { $0.name == name }?.value }
    func afterAdam(_ name: String) -> FixtureTensor? { afterAdamStep.first { $0.name == name }?.value }

    var allTensors: [FixtureTensor] {
        [input, output, upstream] + (parameters + grads + afterAdamStep).map(\.value)
    }
}

/// A fixture file whose payload is `cases` (ops, named_axes, distributions, mlp).
struct FixtureFile<Case: Decodable & Sendable>: Decodable, Sendable {
    let generator: String
    let versions: [String: String]
    let cases: [Case]
}

enum FixtureError: Error, CustomStringConvertible {
    case missing(String)

    var description: String {
        switch self {
        case .missing(let name): "fixture \(name).json not found in the test bundle's Fixtures directory"
        }
    }
}

enum Fixtures {
    /// Decodes `Fixtures/<name>.json` (name with or without `.json`) from the test bundle.
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let base = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        guard let url = Bundle.module.url(forResource: base, withExtension: "json", subdirectory: "Fixtures")
        else { throw FixtureError.missing(base) }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    static func ops() throws -> [OpCase] { try load("ops", as: FixtureFile<OpCase>.self).cases }
    static func namedAxes() throws -> [NamedAxesCase] {
        try load("named_axes", as: FixtureFile<NamedAxesCase>.self).cases
    }
    static func optimizers() throws -> OptimizersFile { try load("optimizers", as: OptimizersFile.self) }
    static func distributions() throws -> [DistributionCase] {
        try load("distributions", as: FixtureFile<DistributionCase>.self).cases
    }
    static func mlp() throws -> MLPFixture {
        let cases = try load("mlp", as: FixtureFile<MLPFixture>.self).cases
        guard let first = cases.first else { throw FixtureError.missing("mlp (no case)") }
        return first
    }
}
