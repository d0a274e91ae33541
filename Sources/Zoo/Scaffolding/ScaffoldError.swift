/// Why `zoo new-plugin` refused: a bad name, files already there, or not in a Zoo
/// package root. One message, nothing written.
public struct ScaffoldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
