import DSL

/// Constants of the safetensors format shared by the writer and the reader.
public enum SafetensorsFormat {
    /// Headers longer than this are rejected as corrupted, as the reference library does.
    public static let maxHeaderLength: UInt64 = 100_000_000
    /// The reserved header key holding the string-to-string metadata map.
    public static let metadataKey = "__metadata__"
    /// The only dtype Zoo stores: the DSL's tensors are float32.
    public static let float32 = "F32"
    /// Every dtype name the safetensors format defines, to tell "not supported here"
    /// (e.g. a float16 file from PyTorch) apart from "not a dtype at all" (corruption).
    static let knownDTypes: Set<String> = [
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "E8M0", "F4", "F6_E2M3", "F6_E3M2",
        "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64", "C64",
    ]

    /// Names in the order the reference library lays tensors out: byte-wise ascending
    /// UTF-8 (Rust's `String` ordering), which for one dtype is the whole rule.
    static func sortedNames(_ names: some Sequence<String>) -> [String] {
        // Each name's bytes are taken once, then compared as arrays (fast even for the
        // tens of thousands of tensors of a run with many copies).
        names.map { (name: $0, bytes: Array($0.utf8)) }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            .map(\.name)
    }
}

/// The content of a safetensors file: named float32 tensors and string metadata.
///
/// This is what a Zoo checkpoint is: network weights, optimiser state stored as extra
/// tensors (e.g. `optimizer/actor/exp_avg.0`), and metadata such as the recipe text,
/// environment steps and update count.
public struct SafetensorsContents {
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// The `__metadata__` map (empty if the file has none).
    public var metadata: [String: String]

    public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }
}
