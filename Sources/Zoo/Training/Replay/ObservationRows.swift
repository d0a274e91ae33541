import DSL

/// A growing table of observation rows kept in the observations' own scalar type: float32
/// for vectors, bytes for images (a quarter of the memory, as Stable-Baselines3's buffers
/// keep the observation space's dtype). Rows go in and come out as float32 (bytes widen
/// exactly).
struct ObservationRows {
    private enum Storage {
        case floats([Float])
        case bytes([UInt8])
    }

    let width: Int
    private var storage: Storage

    init(width: Int, type: ScalarType) {
        self.width = width
        storage = type == .uint8 ? .bytes([]) : .floats([])
    }

    /// Bytes per stored value.
    static func bytesPerValue(_ type: ScalarType) -> Int { type == .uint8 ? 1 : 4 }

    /// Appends `row` (when `index` is the row count) or overwrites row `index`.
    mutating func set(_ index: Int, _ row: ArraySlice<Float>) {
        let range = (index * width)..<((index + 1) * width)
        switch storage {
        case .floats(var values):
            storage = .floats([])
            if range.lowerBound == values.count { values.append(contentsOf: row) } else { values.replaceSubrange(range, with: row) }
            storage = .floats(values)
        case .bytes(var values):
            storage = .bytes([])
            let narrowed = row.lazy.map { UInt8(narrowing: $0) }
            if range.lowerBound == values.count { values.append(contentsOf: narrowed) } else { values.replaceSubrange(range, with: narrowed) }
            storage = .bytes(values)
        }
    }

    /// Appends row `index` as floats to `out`.
    func append(_ index: Int, to out: inout [Float]) {
        let range = (index * width)..<((index + 1) * width)
        switch storage {
        case .floats(let values): out.append(contentsOf: values[range])
        case .bytes(let values): out.append(contentsOf: values[range].lazy.map(\.widened))
        }
    }

    /// Every row as floats, `[rows, width]`.
    var tensor: Tensor {
        switch storage {
        case .floats(let values): Tensor(shape: [values.count / max(width, 1), width], scalars: values)
        case .bytes(let values): Tensor(shape: [values.count / max(width, 1), width], scalars: values.map(\.widened))
        }
    }

    /// Replaces the rows with `values` (floats as `tensor` gives them).
    mutating func replace(with values: [Float]) {
        switch storage {
        case .floats: storage = .floats(values)
        case .bytes: storage = .bytes(values.map { UInt8(narrowing: $0) })
        }
    }
}
