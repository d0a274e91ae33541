import ZooSupport

/// Gymnasium's `utils.maybe_parse_reset_bounds`: the `low`/`high` reset options that
/// widen or narrow a classic-control environment's initial-state distribution.
enum ResetBounds {
    static func parse(
        _ options: ResetOptions, env: String, low defaultLow: Double, high defaultHigh: Double
    ) throws(EnvError) -> (low: Double, high: Double) {
        if options.values.isEmpty { return (defaultLow, defaultHigh) }
        try ResetBounds.rejectUnknown(options, env: env, allowed: ["low", "high"])
        let low = try number(options, "low", env: env) ?? defaultLow
        let high = try number(options, "high", env: env) ?? defaultHigh
        guard low <= high else {
            throw .resetOption(env: env, message: "lower bound (\(low)) must be lower than higher bound (\(high))")
        }
        return (low, high)
    }

    static func number(_ options: ResetOptions, _ key: String, env: String) throws(EnvError) -> Double? {
        guard let value = options.values[key] else { return nil }
        guard let d = value.doubleValue, d.isFinite else {
            throw .resetOption(env: env, message: "'\(key)' must be a finite number, got \(value)")
        }
        return d
    }

    static func rejectUnknown(_ options: ResetOptions, env: String, allowed: [String]) throws(EnvError) {
        for key in options.values.keys.sorted() where !allowed.contains(key) {
            let hint = EditDistance.closest(to: key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw .resetOption(env: env, message: "unknown option '\(key)'\(hint); accepted: \(allowed.joined(separator: ", "))")
        }
    }
}
