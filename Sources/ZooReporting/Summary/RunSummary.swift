import Foundation
import ZooSupport

/// What a run achieved, written as `summary.json` when a run ends (or is interrupted), so
/// scripts and `zoo compare` can read results without parsing CSVs.
public struct RunSummary: Codable, Equatable, Sendable {
    /// How the run ended.
    public enum Status: String, Codable, Sendable {
        case finished, interrupted, failed
    }

    public var recipe: String
    public var algorithm: String
    public var environment: String
    public var seed: UInt64
    public var envSteps: Int64
    public var updates: Int64
    public var episodes: Int64
    public var wallSeconds: Double
    /// Mean return of the last episodes (the episode rolling window), if any finished.
    public var finalMeanReturn: Double?
    /// Best rolling mean return seen, and the update where it was reached.
    public var bestMeanReturn: Double?
    public var bestUpdate: Int64?
    public var status: Status
    /// The Zoo version that produced the run.
    public var zooVersion: String
    /// Any further named results (e.g. evaluation returns).
    public var extra: [String: Double]

    public init(recipe: String, algorithm: String, environment: String, seed: UInt64, envSteps: Int64,
                updates: Int64, episodes: Int64, wallSeconds: Double, finalMeanReturn: Double? = nil,
                bestMeanReturn: Double? = nil, bestUpdate: Int64? = nil, status: Status,
                zooVersion: String = ZooVersion.string, extra: [String: Double] = [:]) {
        self.recipe = recipe
        self.algorithm = algorithm
        self.environment = environment
        self.seed = seed
        self.envSteps = envSteps
        self.updates = updates
        self.episodes = episodes
        self.wallSeconds = wallSeconds
        self.finalMeanReturn = finalMeanReturn
        self.bestMeanReturn = bestMeanReturn
        self.bestUpdate = bestUpdate
        self.status = status
        self.zooVersion = zooVersion
        self.extra = extra
    }

    enum CodingKeys: String, CodingKey {
        case recipe, algorithm, environment, seed, updates, episodes, status, extra
        case envSteps = "env_steps"
        case wallSeconds = "wall_seconds"
        case finalMeanReturn = "final_mean_return"
        case bestMeanReturn = "best_mean_return"
        case bestUpdate = "best_update"
        case zooVersion = "zoo_version"
    }
}

/// Why a summary could not be written: encoding failed or the file system refused.
public enum RunSummaryError: Error, Equatable, Sendable, CustomStringConvertible {
    case encoding(path: String, reason: String)
    case file(FileWriteError)

    public var description: String {
        switch self {
        case .encoding(let path, let reason): return "cannot encode \"\(path)\": \(reason)"
        case .file(let error): return error.description
        }
    }
}

/// Writes any `Encodable` (normally a `RunSummary`) as JSON with sorted keys, two-space
/// pretty printing, unescaped slashes, and floats in Swift's shortest round-trip form
/// (non-finite values as the strings "nan", "inf", "-inf"), atomically. The same value
/// always gives the same bytes.
public enum RunSummaryFile {
    /// The JSON bytes of `value`, ending with a newline.
    public static func encode<T: Encodable>(_ value: T) throws(RunSummaryError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return [UInt8](try encoder.encode(value)) + [0x0A]
        } catch {
            throw .encoding(path: "", reason: String(describing: error))
        }
    }

    /// Writes `value` to `path` atomically.
    public static func write<T: Encodable>(_ value: T, to path: String) throws(RunSummaryError) {
        let bytes: [UInt8]
        do throws(RunSummaryError) {
            bytes = try encode(value)
        } catch {
            if case .encoding(_, let reason) = error { throw .encoding(path: path, reason: reason) }
            throw error
        }
        do throws(FileWriteError) {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .file(error)
        }
    }

    /// Reads a summary written by `write`.
    public static func read(path: String) throws -> RunSummary {
        try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
