import Foundation

/// How the reports of `zoo compare` and `zoo sweep` write numbers, durations, tables and
/// each run's status, so that both read alike.
public enum ReportFormat {
    /// A return or score: one decimal from 100 up, two below.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        return abs(x) >= 100 ? String(format: "%.1f", x) : String(format: "%.2f", x)
    }

    /// Mean and population standard deviation over seeds, nil when there are none.
    public static func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double)? {
        guard !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }

    /// "mean ± std".
    public static func plusMinus(_ statistic: (mean: Double, std: Double)) -> String {
        "\(number(statistic.mean)) ± \(number(statistic.std))"
    }

    /// A count with thousands separators ("71,720").
    public static func count(_ x: Double) -> String {
        let n = Int(x.rounded())
        var digits = String(abs(n))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (n < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// "7.4 s", "2 min 32 s", "1 h 5 min".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let s = Int(seconds.rounded())
        return s < 3600 ? "\(s / 60) min \(s % 60) s" : "\(s / 3600) h \(s % 3600 / 60) min"
    }

    /// A Markdown table (`|` inside cells escaped).
    public static func markdownTable(_ columns: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return line(columns) + "|" + columns.map { _ in "---" }.joined(separator: "|") + "|\n" + rows.map(line).joined()
    }

    /// The table as aligned plain text (for the terminal).
    public static func plainTable(_ columns: [String], _ rows: [[String]]) -> String {
        let all = [columns] + rows
        let widths = columns.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(columns), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
            .joined(separator: "\n")
    }

    /// A run's status for a report: finished or why it failed, and what the backend did
    /// with it (reused, resumed, restarted, left alone, not started).
    public static func status(of run: RunResult, outcome: RunOutcome?) -> String {
        var status = run.failure.map { "failed: \($0)" } ?? "finished"
        switch outcome?.action {
        case .reused?: status += " (reused)"
        case .resumed?: status += " (resumed)"
        case .restarted(let reason)?: status += " (restarted from scratch: \(reason))"
        case .inUse?: status = "in use by another zoo process"
        case .notStarted?: status = "not started (stopped first)"
        default: break
        }
        if run.summary?.status == .interrupted, (outcome?.exitStatus ?? 0) == 0 { status = "interrupted (rerun to continue)" }
        return status
    }
}
