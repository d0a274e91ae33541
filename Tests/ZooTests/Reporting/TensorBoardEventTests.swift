import Foundation
import Testing
@testable import Zoo

@Suite("CRC32C")
struct CRC32CTests {
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        // RFC 3720 (iSCSI) appendix B.4 test vectors.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
    }

    @Test func mask() {
        #expect(CRC32C.masked(0) == 0xA282_EAD8)
        #expect(CRC32C.masked(0xE306_9283) == ((0xE306_9283 >> 15) | (0xE306_9283 << 17 & 0xFFFF_FFFF)) &+ 0xA282_EAD8)
        #expect(CRC32C.masked(0xFFFF_FFFF) == 0xA282_EAD7)
    }
}

@Suite("TensorBoardEvents")
struct TensorBoardEventTests {
    private struct PythonEvents: Decodable {
        struct Event: Decodable {
            let wall_time: Double
            let step: Int64
            let file_version: String?
            let scalars: [[ScalarPart]]
        }
        enum ScalarPart: Decodable {
            case tag(String), bits(UInt32)
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let s = try? c.decode(String.self) { self = .tag(s) } else { self = .bits(try c.decode(UInt32.self)) }
            }
        }
        let events: [Event]
    }

    private func expectedPythonEvents() throws -> [TensorBoardEvent] {
        let spec = try JSONDecoder().decode(PythonEvents.self, from: Data(reportingFixture("python_events", "json")))
        return spec.events.map { e in
            TensorBoardEvent(wallTime: e.wall_time, step: e.step, fileVersion: e.file_version, scalars: e.scalars.compactMap { parts in
                guard parts.count == 2, case .tag(let tag) = parts[0], case .bits(let bits) = parts[1] else { return nil }
                return TensorBoardEvent.Scalar(tag: tag, value: Float(bitPattern: bits))
            })
        }
    }

    /// A file framed by tensorboard's own RecordWriter decodes to the events it holds, and
    /// Zoo's encoding of those events is byte-identical to it.
    @Test func pythonFileDecodesAndZooEncodesTheSameBytes() throws {
        let bytes = try reportingFixture("python_events", "tfevents")
        let expected = try expectedPythonEvents()
        #expect(expected.count == 5)
        let decoded = try TensorBoardEventReader.decode(bytes)
        #expect(decoded == expected)
        #expect(expected.flatMap { TFRecord.frame($0.encoded()) } == bytes)
    }

    @Test func writerRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try TensorBoardEventWriter(directory: dir.file("run"), wallTime: 1_700_000_123.75, hostname: "host/a")
        #expect(writer.path == dir.file("run/events.out.tfevents.1700000123.host_a"))
        let scalars: [[TensorBoardEvent.Scalar]] = (0..<20).map { update in
            [.init(tag: "charts/episode_return", value: Float(update) * 1.5),
             .init(tag: "losses/critic", value: 1 / Float(update + 1))]
        }
        for (update, values) in scalars.enumerated() {
            try writer.write(scalars: values, step: Int64(update * 512), wallTime: 1_700_000_124 + Double(update))
        }
        try writer.close()
        let events = try TensorBoardEventReader.read(path: writer.path)
        #expect(events.count == 21)
        #expect(events[0] == TensorBoardEvent(wallTime: 1_700_000_123.75, step: 0, fileVersion: "brain.Event:2"))
        for (update, values) in scalars.enumerated() {
            #expect(events[update + 1] == TensorBoardEvent(wallTime: 1_700_000_124 + Double(update), step: Int64(update * 512), scalars: values))
        }
        // A second writer created in the same second does not overwrite the first.
        let second = try TensorBoardEventWriter(directory: dir.file("run"), wallTime: 1_700_000_123.2, hostname: "host/a")
        #expect(second.path == writer.path + ".2")
        #expect(try TensorBoardEventReader.read(path: writer.path).count == 21)
    }

    @Test func corruptedRecordsAreDetected() throws {
        var bytes = TFRecord.frame(TensorBoardEvent(wallTime: 1, step: 0, fileVersion: "brain.Event:2").encoded())
        let firstLength = bytes.count
        bytes += TFRecord.frame(TensorBoardEvent(wallTime: 2, step: 7, scalars: [.init(tag: "a", value: 1)]).encoded())
        #expect(try TensorBoardEventReader.decode(bytes).count == 2)

        var badData = bytes
        badData[firstLength + 14] ^= 0x01
        #expect(throws: EventFileError.dataChecksumMismatch(offset: firstLength)) { try TensorBoardEventReader.decode(badData) }
        var badLength = bytes
        badLength[firstLength] ^= 0x01
        #expect(throws: EventFileError.lengthChecksumMismatch(offset: firstLength)) { try TensorBoardEventReader.decode(badLength) }
        var badCRC = bytes
        badCRC[bytes.count - 1] ^= 0x80
        #expect(throws: EventFileError.dataChecksumMismatch(offset: firstLength)) { try TensorBoardEventReader.decode(badCRC) }
        for cut in (firstLength + 1)..<bytes.count {
            #expect(throws: EventFileError.truncatedRecord(offset: firstLength)) { try TensorBoardEventReader.decode(Array(bytes[..<cut])) }
        }
        // A record whose CRCs are right but whose payload is not an Event.
        let garbage = TFRecord.frame([0x0A, 0x05, 0x01])
        #expect(throws: EventFileError.malformedEvent(record: 0, reason: "length-delimited field longer than its message")) {
            try TensorBoardEventReader.decode(garbage)
        }
    }

    @Test func eventEncodingFields() {
        let event = TensorBoardEvent(wallTime: 0.5, step: 300, scalars: [.init(tag: "t", value: 2)])
        // wall_time: tag 0x09 + fixed64; step: tag 0x10 + varint 300 (0xAC 0x02);
        // summary: tag 0x2A, len 10, Value tag 0x0A, len 8, tag: 0x0A 01 't', simple_value: 0x15 + float 2.0.
        #expect(event.encoded() == [0x09, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F, 0x10, 0xAC, 0x02,
                                    0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x01, 0x74, 0x15, 0, 0, 0, 0x40])
        let negative = TensorBoardEvent(wallTime: 0, step: -1).encoded()
        #expect(negative == [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }
}
