/// The declaration of one kwarg an environment accepts: name, type, default and an
/// optional range check. The registry validates every `make` call against these before
/// the factory runs, so factories read already-typed values.
public struct ParameterSpec: Sendable {
    public let name: String
    public let kind: ParameterKind
    public let defaultValue: ParameterValue
    /// Returns an error message for a value of the right kind that is still invalid.
    public let check: @Sendable (ParameterValue) -> String?

    public init(
        _ name: String, _ kind: ParameterKind, default defaultValue: ParameterValue,
        check: @escaping @Sendable (ParameterValue) -> String? = { _ in nil }
    ) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.check = check
    }

    /// A double kwarg that must be finite (and satisfy `extra`, if given).
    public static func finiteDouble(
        _ name: String, default value: Double, _ extra: (@Sendable (Double) -> String?)? = nil
    ) -> ParameterSpec {
        ParameterSpec(name, .double, default: .double(value)) { v in
            guard let d = v.doubleValue, d.isFinite else { return "must be a finite number, got \(v)" }
            return extra?(d)
        }
    }

    /// An integer kwarg of at least `minimum` (sizes: grid rows, pixels per cell).
    public static func positiveInt(_ name: String, default value: Int, minimum: Int = 1) -> ParameterSpec {
        ParameterSpec(name, .int, default: .int(value)) { v in
            guard case let .int(i) = v, i >= minimum else { return "must be an integer ≥ \(minimum), got \(v)" }
            return nil
        }
    }

    /// A string kwarg restricted to `choices`.
    public static func choice(_ name: String, default value: String, _ choices: [String]) -> ParameterSpec {
        ParameterSpec(name, .string, default: .string(value)) { v in
            guard case let .string(s) = v, choices.contains(s) else {
                return "must be one of \(choices.map { "\"\($0)\"" }.joined(separator: ", ")), got \(v)"
            }
            return nil
        }
    }
}

/// Kwargs after validation: every declared name present with a value of its kind.
/// Typed accessors let factories read them without re-checking.
public struct ResolvedKwargs: Sendable, Equatable {
    public let values: Kwargs

    public func bool(_ name: String) -> Bool {
        if case let .bool(v) = values[name] { return v }
        preconditionFailure("kwarg '\(name)' was not declared as a bool")
    }

    public func int(_ name: String) -> Int {
        if case let .int(v) = values[name] { return v }
        preconditionFailure("kwarg '\(name)' was not declared as an int")
    }

    public func double(_ name: String) -> Double {
        if let v = values[name]?.doubleValue { return v }
        preconditionFailure("kwarg '\(name)' was not declared as a double")
    }

    public func string(_ name: String) -> String {
        if case let .string(v) = values[name] { return v }
        preconditionFailure("kwarg '\(name)' was not declared as a string")
    }
}
