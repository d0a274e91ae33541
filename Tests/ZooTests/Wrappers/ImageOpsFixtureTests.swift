import Foundation
import Testing
@testable import Zoo

private struct ImageOpsFixture: Decodable {
    struct Image: Decodable {
        let name: String
        let height: Int
        let width: Int
        let channels: Int
        let pixels: Data
    }
    struct Resize: Decodable {
        let label: String
        let image: String
        let height: Int
        let width: Int
        let pixels: Data
    }
    struct Grey: Decodable {
        let image: String
        let gymnasium: Data
        let opencv: Data
    }
    let generator: String
    let images: [Image]
    let resize: [Resize]
    let grey: [Grey]
}

private extension AreaResize {
    init(_ image: ImageOpsFixture.Image, to target: ImageOpsFixture.Resize) throws {
        try self.init(
            sourceHeight: image.height, sourceWidth: image.width, channels: image.channels,
            targetHeight: target.height, targetWidth: target.width)
    }

    /// Resizes `source` into `destination`, which keeps its size.
    func apply(_ source: [UInt8], into destination: inout [UInt8]) {
        source.withUnsafeBufferPointer { from in
            destination.withUnsafeMutableBufferPointer { to in apply(from, into: to) }
        }
    }
}

private extension GreyscaleWeights {
    func apply(_ rgb: [UInt8]) -> [UInt8] {
        var grey = [UInt8](repeating: 0xA5, count: rgb.count / 3)
        rgb.withUnsafeBufferPointer { from in
            grey.withUnsafeMutableBufferPointer { to in apply(from, into: to) }
        }
        return grey
    }
}

/// How far `got` is from `expected`: the number of differing values and the largest gap.
private func mismatch(_ got: [UInt8], _ expected: Data) -> (count: Int, worst: Int) {
    let gaps = zip(got, expected).map { abs(Int($0) - Int($1)) }.filter { $0 > 0 }
    return (gaps.count + abs(got.count - expected.count), gaps.max() ?? 0)
}

@Suite("Image kernels match OpenCV and Gymnasium")
struct ImageOpsFixtureTests {
    fileprivate let fixture: ImageOpsFixture
    fileprivate let images: [String: ImageOpsFixture.Image]

    init() throws {
        fixture = try Fixtures.load("image_ops", as: ImageOpsFixture.self)
        images = Dictionary(uniqueKeysWithValues: fixture.images.map { ($0.name, $0) })
    }

    @Test("every cv2 INTER_AREA resize in the fixture is reproduced bit-exactly")
    func resizeMatchesOpenCV() throws {
        #expect(fixture.generator == "scripts/image_fixtures.py")
        #expect(Set(fixture.resize.map(\.label)) == ["copy", "block", "coverage", "bilinear"])
        for target in fixture.resize {
            let image = try #require(images[target.image])
            let plan = try AreaResize(image, to: target)
            var out = [UInt8](repeating: 0xA5, count: plan.targetCount)
            plan.apply(Array(image.pixels), into: &out)
            let (count, worst) = mismatch(out, target.pixels)
            #expect(
                count == 0,
                "\(target.label): \(target.image) → \(target.height)×\(target.width): \(count) values differ, by up to \(worst)")
        }
    }

    @Test("a plan's output depends only on the image it is given, not on earlier calls")
    func resizeIsStateless() throws {
        for target in fixture.resize {
            let image = try #require(images[target.image])
            let plan = try AreaResize(image, to: target)
            let source = Array(image.pixels)
            var out = [UInt8](repeating: 0, count: plan.targetCount)
            plan.apply(source.map { 255 - $0 }, into: &out)
            let inverted = out
            plan.apply(source, into: &out)
            #expect(mismatch(out, target.pixels).count == 0, "\(target.image) after its inverse")
            plan.apply(source.map { 255 - $0 }, into: &out)
            #expect(out == inverted, "\(target.image)'s inverse after the image")
        }
    }

    @Test("Gymnasium's and OpenCV's greyscale are reproduced bit-exactly")
    func greyscaleMatches() throws {
        #expect(fixture.grey.contains { $0.image == "colours" })
        for expected in fixture.grey {
            let image = try #require(images[expected.image])
            #expect(image.channels == 3)
            let rgb = Array(image.pixels)
            let gymnasium = mismatch(GreyscaleWeights.gymnasium.apply(rgb), expected.gymnasium)
            let opencv = mismatch(GreyscaleWeights.opencv.apply(rgb), expected.opencv)
            #expect(gymnasium.count == 0, "gymnasium, \(expected.image): \(gymnasium.count) differ, by up to \(gymnasium.worst)")
            #expect(opencv.count == 0, "opencv, \(expected.image): \(opencv.count) differ, by up to \(opencv.worst)")
        }
    }

    @Test("sizes outside 1...32768 and channel counts outside 1...4 are invalid arguments")
    func invalidSizesThrow() {
        #expect(throws: EnvError.invalidArgument("AreaResize: channels must be 1 to 4, got 5")) {
            try AreaResize(sourceHeight: 4, sourceWidth: 4, channels: 5, targetHeight: 2, targetWidth: 2)
        }
        #expect(throws: EnvError.invalidArgument("AreaResize: target width must be 1 to 32768, got 0")) {
            try AreaResize(sourceHeight: 4, sourceWidth: 4, channels: 1, targetHeight: 2, targetWidth: 0)
        }
        for (h, w, c) in [(0, 4, 1), (4, -1, 1), ((1 << 15) + 1, 4, 3), (4, 4, 0)] {
            #expect(throws: EnvError.self) {
                try AreaResize(sourceHeight: h, sourceWidth: w, channels: c, targetHeight: 2, targetWidth: 2)
            }
        }
    }

    @Test("resizing and greyscale allocate nothing (counted where allocation tracing is active)")
    func applyAllocatesNothing() throws {
        let plans = try [(210, 160, 3, 84, 84), (84, 84, 1, 42, 42), (40, 20, 3, 84, 84), (13, 17, 2, 13, 17)].map {
            try AreaResize(sourceHeight: $0.0, sourceWidth: $0.1, channels: $0.2, targetHeight: $0.3, targetWidth: $0.4)
        }
        let sources = plans.map { [UInt8](repeating: 200, count: $0.sourceCount) }
        var outputs = plans.map { [UInt8](repeating: 0, count: $0.targetCount) }
        var grey = [UInt8](repeating: 0, count: 210 * 160)
        func applyAll() {
            for i in plans.indices { plans[i].apply(sources[i], into: &outputs[i]) }
            sources[0].withUnsafeBufferPointer { rgb in
                grey.withUnsafeMutableBufferPointer { grey in
                    GreyscaleWeights.gymnasium.apply(rgb, into: grey)
                    GreyscaleWeights.opencv.apply(rgb, into: grey)
                }
            }
        }
        applyAll()  // the runtime's one-time type metadata is not the kernels' doing
        let count = AllocationTrace.count(applyAll)
        if let count { #expect(count == 0) }
    }
}
