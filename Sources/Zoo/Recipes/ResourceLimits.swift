import Foundation

/// The most memory a run may plan to use, checked when a recipe is validated — by
/// `zoo validate` and `zoo train` alike — before any large buffer or network is built.
///
/// Why: a recipe is user input, and a typo such as `steps: 100000` for a rollout length
/// or `hidden: [100000, 100000]` would otherwise end in an allocation failure (a crash)
/// minutes into a run, or an initialisation that never finishes. The default is three
/// quarters of the machine's physical memory; `--memory-limit` raises or lowers it.
public struct ResourceLimits: Sendable, Equatable {
    /// Bytes a run may plan to hold at once.
    public var memoryBytes: Int

    public init(memoryBytes: Int) { self.memoryBytes = memoryBytes }

    /// Three quarters of this machine's physical memory.
    public static var standard: ResourceLimits {
        ResourceLimits(memoryBytes: Int(min(ProcessInfo.processInfo.physicalMemory / 4 * 3, UInt64(Int.max))))
    }

    /// Parses a size such as `64G`, `512M`, `1.5T` or a plain number of bytes (suffixes
    /// K, M, G, T are powers of 1024; a trailing `B` or `iB` is allowed).
    public static func parse(_ text: String) -> ResourceLimits? {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if t.hasSuffix("IB") { t.removeLast(2) } else if t.hasSuffix("B") { t.removeLast() }
        var scale = 1.0
        if let unit = t.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(unit)] {
            scale = pow(1024, Double(power))
            t.removeLast()
        }
        guard let number = Double(t), number.isFinite, number > 0, number * scale < 9.0e18 else { return nil }
        return ResourceLimits(memoryBytes: Int(number * scale))
    }

    /// `bytes` as a short human-readable size ("104.9 GB").
    public static func describe(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes), unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// Checks `bytes` planned for `what`; the error sits at `node` (the key to change).
    func check(_ bytes: Double, for what: String, at node: RecipeNode) throws(RecipeError) {
        guard bytes > Double(memoryBytes) else { return }
        throw node.error("\(what) needs about \(Self.describe(Int(min(bytes, 9e18)))) of memory, more than the limit of \(Self.describe(memoryBytes)); make it smaller, or raise the limit with --memory-limit (e.g. --memory-limit 64G)")
    }
}
