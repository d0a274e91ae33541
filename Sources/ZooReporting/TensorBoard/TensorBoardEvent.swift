/// One TensorBoard `Event` as Zoo writes it: the file-version marker or a set of scalar
/// summaries at one step. Encodes to (and decodes from) the protobuf wire format of
/// `tensorflow.Event` / `Summary` / `Summary.Value.simple_value`.
public struct TensorBoardEvent: Equatable, Sendable {
    /// One scalar: a tag such as `losses/critic` and its value.
    public struct Scalar: Equatable, Sendable {
        public var tag: String
        public var value: Float

        public init(tag: String, value: Float) {
            self.tag = tag
            self.value = value
        }
    }

    /// Seconds since 1970 (Event field 1).
    public var wallTime: Double
    /// The global step, in Zoo the environment step count (Event field 2).
    public var step: Int64
    /// Set only on a file's first event, `brain.Event:2` (Event field 3).
    public var fileVersion: String?
    /// Scalar summaries (Event field 5, `Summary.value`).
    public var scalars: [Scalar]

    public init(wallTime: Double, step: Int64, fileVersion: String? = nil, scalars: [Scalar] = []) {
        self.wallTime = wallTime
        self.step = step
        self.fileVersion = fileVersion
        self.scalars = scalars
    }

    /// The serialized `Event` message.
    public func encoded() -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        if step != 0 { event.int64(2, step) }  // proto3: the default 0 is omitted
        if let fileVersion { event.string(3, fileVersion) }
        if !scalars.isEmpty {
            var summary = ProtobufWriter()
            for scalar in scalars {
                var value = ProtobufWriter()
                value.string(1, scalar.tag)
                value.float(2, scalar.value)
                summary.bytesField(1, value.bytes)
            }
            event.bytesField(5, summary.bytes)
        }
        return event.bytes
    }

    /// Decodes an `Event` message, keeping the fields Zoo uses and skipping the others.
    package static func decode(_ bytes: [UInt8]) throws(ProtobufDecodeError) -> TensorBoardEvent {
        var event = TensorBoardEvent(wallTime: 0, step: 0)
        var reader = ProtobufReader(bytes)
        while !reader.isAtEnd {
            switch try reader.next() {
            case (1, .fixed64(let bits)): event.wallTime = Double(bitPattern: bits)
            case (2, .varint(let raw)): event.step = Int64(bitPattern: raw)
            case (3, .bytes(let text)): event.fileVersion = String(decoding: text, as: UTF8.self)
            case (5, .bytes(let summary)): event.scalars += try decodeSummary(summary)
            case (1, _), (2, _), (3, _), (5, _): throw ProtobufDecodeError(reason: "Event field with the wrong wire type")
            default: continue
            }
        }
        return event
    }

    private static func decodeSummary(_ bytes: [UInt8]) throws(ProtobufDecodeError) -> [Scalar] {
        var scalars: [Scalar] = []
        var reader = ProtobufReader(bytes)
        while !reader.isAtEnd {
            guard case (1, .bytes(let valueBytes)) = try reader.next() else { continue }
            var tag = ""
            var simpleValue: Float?
            var valueReader = ProtobufReader(valueBytes)
            while !valueReader.isAtEnd {
                switch try valueReader.next() {
                case (1, .bytes(let text)): tag = String(decoding: text, as: UTF8.self)
                case (2, .fixed32(let bits)): simpleValue = Float(bitPattern: bits)
                default: continue
                }
            }
            if let simpleValue { scalars.append(Scalar(tag: tag, value: simpleValue)) }
        }
        return scalars
    }
}
