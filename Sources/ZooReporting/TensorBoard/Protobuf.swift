/// Hand-written protobuf wire encoding for the few messages TensorBoard needs, so Zoo has
/// no protobuf dependency. Fields are appended in the order written.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func tag(_ field: UInt32, _ wire: WireType) {
        varint(UInt64(field) << 3 | UInt64(wire.rawValue))
    }

    mutating func int64(_ field: UInt32, _ value: Int64) {
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    mutating func double(_ field: UInt32, _ value: Double) {
        tag(field, .fixed64)
        let bits = value.bitPattern
        for i in 0..<8 { bytes.append(UInt8((bits >> (8 * UInt64(i))) & 0xFF)) }
    }

    mutating func float(_ field: UInt32, _ value: Float) {
        tag(field, .fixed32)
        let bits = value.bitPattern
        for i in 0..<4 { bytes.append(UInt8((bits >> (8 * UInt32(i))) & 0xFF)) }
    }

    mutating func bytesField(_ field: UInt32, _ value: [UInt8]) {
        tag(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ field: UInt32, _ value: String) {
        bytesField(field, Array(value.utf8))
    }
}

/// Why a protobuf message could not be decoded.
package struct ProtobufDecodeError: Error {
    let reason: String
}

/// Reads protobuf wire-format fields one at a time; unknown fields can be skipped by the
/// caller simply by ignoring the returned value.
struct ProtobufReader {
    enum FieldValue {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        case bytes([UInt8])
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    private mutating func varint() throws(ProtobufDecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw ProtobufDecodeError(reason: "truncated varint") }
            guard shift < 64 else { throw ProtobufDecodeError(reason: "varint longer than 10 bytes") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    private mutating func fixed(_ count: Int) throws(ProtobufDecodeError) -> UInt64 {
        guard bytes.count - position >= count else { throw ProtobufDecodeError(reason: "truncated fixed-width field") }
        var value: UInt64 = 0
        for i in 0..<count { value |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += count
        return value
    }

    /// The next field's number and value.
    mutating func next() throws(ProtobufDecodeError) -> (field: UInt64, value: FieldValue) {
        let key = try varint()
        let field = key >> 3
        guard field > 0 else { throw ProtobufDecodeError(reason: "field number 0") }
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1: return (field, .fixed64(try fixed(8)))
        case 5: return (field, .fixed32(UInt32(try fixed(4))))
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.count - position) else {
                throw ProtobufDecodeError(reason: "length-delimited field longer than its message")
            }
            let start = position
            position += Int(length)
            return (field, .bytes(Array(bytes[start..<position])))
        default:
            throw ProtobufDecodeError(reason: "unsupported wire type \(key & 7)")
        }
    }
}
