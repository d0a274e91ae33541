/// One hyperparameter, declared once by its plugin: the recipe key, its type, default,
/// valid range and help. The same declaration reads the recipe (`RecipeMapping.read`)
/// and documents the plugin (`info`, for `zoo list` and the README), so a default or a
/// range cannot differ between what a run does and what the documentation says.
///
///     static let gamma = Hyperparameter.double("gamma", 0.99, in: 0...1, "discount")
///     …
///     gamma = Float(try m.read(Self.gamma))
public struct Hyperparameter<Value: Sendable>: Sendable {
    public let name: String
    public let defaultValue: Value
    public let help: String
    /// The default as `zoo list` shows it.
    public let defaultText: String
    private let reader: @Sendable (RecipeMapping, String, Value) throws(RecipeError) -> Value

    /// `zoo list`'s line for it.
    public var info: HyperparameterInfo { HyperparameterInfo(name, defaultText, help) }

    /// The value in `mapping` (`value`, by default the declared default, when the key is absent).
    func read(_ mapping: RecipeMapping, default value: Value? = nil) throws(RecipeError) -> Value {
        try reader(mapping, name, value ?? defaultValue)
    }
}

extension Hyperparameter where Value == Int {
    /// An integer in `range`; `shown` is the default as documented when it depends on
    /// other settings (read it with `RecipeMapping.read(_:default:)`).
    public static func int(_ name: String, _ defaultValue: Int, in range: ClosedRange<Int>, _ help: String,
                           shown: String? = nil) -> Self {
        Self(name: name, defaultValue: defaultValue, help: help, defaultText: shown ?? "\(defaultValue)") { (m, key, value) throws(RecipeError) in
            try m.int(key, default: value, in: range)
        }
    }
}

extension Hyperparameter where Value == Double {
    /// A number in `range` (`shown`: as for `int`).
    public static func double(_ name: String, _ defaultValue: Double, in range: ClosedRange<Double>, _ help: String,
                              shown: String? = nil) -> Self {
        Self(name: name, defaultValue: defaultValue, help: help, defaultText: shown ?? "\(defaultValue)") { (m, key, value) throws(RecipeError) in
            try m.double(key, default: value, in: range)
        }
    }
}

extension Hyperparameter where Value == Double? {
    /// A number in `range`, or absent (`none`) by default.
    public static func optionalDouble(_ name: String, in range: ClosedRange<Double>, _ help: String) -> Self {
        Self(name: name, defaultValue: nil, help: help, defaultText: "none") { (m, key, _) throws(RecipeError) in
            guard m.optional(key) != nil else { return nil }
            return try m.double(key, default: 0, in: range)
        }
    }
}

extension Hyperparameter where Value == Bool {
    /// A flag.
    public static func bool(_ name: String, _ defaultValue: Bool, _ help: String) -> Self {
        Self(name: name, defaultValue: defaultValue, help: help, defaultText: "\(defaultValue)") { (m, key, value) throws(RecipeError) in
            try m.bool(key, default: value)
        }
    }
}

extension Hyperparameter where Value == String {
    /// One of `choices`.
    public static func choice(_ name: String, _ choices: [String], default defaultValue: String, _ help: String) -> Self {
        Self(name: name, defaultValue: defaultValue, help: help, defaultText: defaultValue) { (m, key, value) throws(RecipeError) in
            try m.choice(key, choices, default: value)
        }
    }
}

extension RecipeMapping {
    /// The value of the declared hyperparameter `h`, checked as it declares.
    public func read<Value>(_ h: Hyperparameter<Value>) throws(RecipeError) -> Value { try h.read(self) }

    /// The value of `h` with a default that depends on other settings (A2C's `n`
    /// defaults to its `steps`); `h`'s declared default is what `zoo list` shows.
    public func read<Value>(_ h: Hyperparameter<Value>, default value: Value) throws(RecipeError) -> Value {
        try h.read(self, default: value)
    }
}
