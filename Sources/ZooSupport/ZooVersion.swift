/// The library's version, shown by `zoo --version` and written into run summaries so a
/// result can be traced to the code that produced it.
public enum ZooVersion {
    public static let string = "0.1.0"
}
