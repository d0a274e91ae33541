/// Why `zoo new-plugin` refused: a bad name, files already there, not in a Zoo package
/// root, or no usable way for a new package to find Zoo. One message, nothing written.
public struct ScaffoldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
