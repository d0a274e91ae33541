/// CRC-32C (Castagnoli polynomial, reflected 0x82F63B78), the checksum of TFRecord framing
/// in TensorBoard event files and of Zoo's checkpoints; table-driven, one byte at a time.
public enum CRC32C {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        return crc
    }

    /// The CRC-32C of `bytes` (initial value and final xor 0xFFFFFFFF).
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        update(initial, bytes) ^ 0xFFFF_FFFF
    }

    /// The register before any byte; `update(initial, a + b) ^ 0xFFFFFFFF` is the checksum.
    public static let initial: UInt32 = 0xFFFF_FFFF

    /// The register after `bytes`, for checksums computed piece by piece.
    public static func update(_ register: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = register
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc
    }

    /// The masked form TFRecord stores, so that CRCs of data containing CRCs stay robust:
    /// `((crc >> 15) | (crc << 17)) &+ 0xa282ead8`.
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    /// `masked(checksum(bytes))`.
    public static func maskedChecksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        masked(checksum(bytes))
    }
}
