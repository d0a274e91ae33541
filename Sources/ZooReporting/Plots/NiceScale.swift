import Foundation

/// An axis range widened to "nice" round tick values (1, 2, 2.5, 5 × 10^k), with labels
/// short enough for a small panel: `0, 250k, 500k, 750k, 1M` rather than raw numbers.
struct NiceScale: Equatable {
    let lower: Double
    let upper: Double
    let step: Double

    /// A scale covering `[minimum, maximum]` with at most about `maxTicks` ticks. Empty or
    /// non-finite input gives `[0, 1]`; a single value is padded on both sides.
    init(minimum: Double, maximum: Double, maxTicks: Int = 6) {
        var low = minimum
        var high = maximum
        if !low.isFinite || !high.isFinite || low > high {
            low = 0
            high = 1
        }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let range = Self.nice(high - low, round: false)
        let step = Self.nice(range / Double(max(1, maxTicks - 1)), round: true)
        self.step = step
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
    }

    /// Tick positions from `lower` to `upper`.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(0, count)).map { index in
            let value = ((lower / step).rounded() + Double(index)) * step
            return value == 0 ? 0 : value  // no "-0"
        }
    }

    /// Heckbert's nice number: 1, 2, 5 (or 1, 2, 2.5, 5 when rounding) × a power of ten.
    private static func nice(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let exponent = floor(log10(value))
        let power = pow(10, exponent)
        let fraction = value / power
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * power
    }

    /// The label of tick `value`: SI suffixes (k, M, G) for large magnitudes, fixed
    /// decimals as the step needs, scientific notation for tiny steps.
    func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = max(abs(lower), abs(upper))
        if magnitude >= 10_000 {
            for (unit, suffix) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] where magnitude >= unit {
                return Self.fixed(value / unit, decimals: Self.decimals(for: step / unit)) + suffix
            }
        }
        let decimals = Self.decimals(for: step)
        if decimals > 4 {
            return Self.scientific(value, step: step)
        }
        return Self.fixed(value, decimals: decimals)
    }

    /// Decimals needed to tell ticks `step` apart (0 for steps ≥ 1; 2 for 0.25).
    static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var decimals = 0
        var scaled = step
        while decimals < 12, abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }

    /// `value` with exactly `decimals` decimals, locale-free.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let scale = pow(10, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let digits = String(Int64(scaled))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return sign + padded[..<split] + "." + padded[split...]
    }

    /// `value` as `m.mme-k` with the exponent of `step`.
    static func scientific(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let exponent = Int(floor(log10(abs(value))))
        let mantissa = value / pow(10, Double(exponent))
        let stepMantissa = step / pow(10, Double(exponent))
        return fixed(mantissa, decimals: min(3, decimals(for: stepMantissa))) + "e" + String(exponent)
    }
}
