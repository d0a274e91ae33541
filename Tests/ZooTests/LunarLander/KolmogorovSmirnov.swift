import Foundation

/// The two-sample Kolmogorov–Smirnov test with the asymptotic p-value (SciPy's
/// `ks_2samp(method="asymp")`: the Kolmogorov distribution's survival function at
/// `sqrt(n m / (n + m)) · D`).
enum KolmogorovSmirnov {
    /// `D = sup |F₁(x) − F₂(x)|` over the two empirical distribution functions.
    static func statistic(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.sorted(), y = b.sorted()
        var i = 0, j = 0, d = 0.0
        while i < x.count && j < y.count {
            let v = min(x[i], y[j])
            while i < x.count && x[i] <= v { i += 1 }
            while j < y.count && y[j] <= v { j += 1 }
            d = max(d, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return d
    }

    /// `Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2 k² λ²)`, the limiting distribution's survival function.
    static func kolmogorovSurvival(_ lambda: Double) -> Double {
        if lambda < 0.2 { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += (k % 2 == 1 ? 1 : -1) * term
            if term < 1e-16 { break }
        }
        return min(max(2 * sum, 0), 1)
    }

    /// `(D, p)` for the hypothesis that `a` and `b` come from one distribution.
    static func test(_ a: [Double], _ b: [Double]) -> (statistic: Double, pValue: Double) {
        let d = statistic(a, b)
        let n = Double(a.count), m = Double(b.count)
        return (d, kolmogorovSurvival((n * m / (n + m)).squareRoot() * d))
    }
}
