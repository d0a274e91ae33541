import Testing
@testable import Zoo

/// The GIF encoder's output read back by the test decoder: header, logical screen,
/// colour table, loop extension, frame count, delays, and exact pixels through LZW.
@Suite("GIF encoder")
struct GIFEncoderTests {
    @Test func lzwRoundTripsUniformNoisyAndLongInputs() throws {
        var lcg: UInt64 = 12345
        func next() -> UInt8 {
            lcg = lcg &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: lcg >> 33)
        }
        let inputs: [[UInt8]] = [
            [7],
            [UInt8](repeating: 3, count: 100_000),                 // long runs: deep dictionary chains
            (0..<70_000).map { _ in next() },                       // noise: table fills, clear codes
            (0..<50_000).map { UInt8(($0 / 7) % 5) },              // few colours, stripes
            (0..<3000).map { _ in next() & 0x3 },                   // small alphabet
        ]
        for input in inputs {
            let compressed = GIFLZW.compress(input)
            let decoded = try DecodedGIF.lzwDecode(compressed, minimumCodeSize: 8, count: input.count)
            #expect(decoded == input)
        }
        // Runs compress well.
        #expect(GIFLZW.compress([UInt8](repeating: 3, count: 100_000)).count < 1000)
    }

    @Test func subBlocksAreAtMost255Bytes() {
        let data = [UInt8](repeating: 1, count: 600)
        let blocks = GIFLZW.subBlocks(data)
        #expect(blocks.count == 600 + 3 + 1)
        #expect(blocks[0] == 255 && blocks[256] == 255 && blocks[512] == 90 && blocks.last == 0)
    }

    @Test func fileStructureAndFramesRoundTrip() throws {
        let palette = GIFPalette(preferred: [.white, .black, RGB(202, 152, 101)])
        var encoder = GIFEncoder(width: 40, height: 30, palette: palette)
        var frames: [RGBFrame] = []
        for k in 0..<5 {
            var canvas = Canvas(width: 40, height: 30, background: .white)
            canvas.fillRect(x: 5 + 3 * k, y: 10, width: 8, height: 6, RGB(202, 152, 101))
            if k == 3 { canvas.plot(39, 29, .black) }
            frames.append(canvas.frame)
        }
        frames.append(frames[4])                                    // unchanged frame
        for (k, f) in frames.enumerated() { encoder.addFrame(f, delay: k == 5 ? 100 : 4) }
        let gif = try DecodedGIF(encoder.data())
        #expect(gif.width == 40 && gif.height == 30)
        #expect(gif.globalColors.count == 256)
        #expect(Array(gif.globalColors.prefix(3)) == [.white, .black, RGB(202, 152, 101)])
        #expect(gif.loopCount == 0)
        #expect(gif.frames.count == 6 && encoder.frameCount == 6)
        #expect(gif.delays == [4, 4, 4, 4, 4, 100])
        // The first frame is whole; later ones cover only what changed.
        #expect(gif.rectangles[0].w == 40 && gif.rectangles[0].h == 30)
        #expect(gif.rectangles[1].w < 40 && gif.rectangles[1].h == 6)
        #expect(gif.rectangles[5].w == 1 && gif.rectangles[5].h == 1)
        for (decoded, original) in zip(gif.frames, frames) {
            let colors = decoded.map { gif.globalColors[Int($0)] }
            let expected = (0..<(40 * 30)).map { RGB(original.pixels[3 * $0], original.pixels[3 * $0 + 1], original.pixels[3 * $0 + 2]) }
            #expect(colors == expected)
        }
    }

    @Test func paletteMapsExactColoursExactlyAndOthersToTheNearest() {
        var palette = GIFPalette(preferred: [RGB(1, 2, 3)])
        #expect(palette.colors.count == 256)
        #expect(palette.index(of: RGB(1, 2, 3)) == 0)
        let i = palette.index(of: RGB(250, 3, 1))
        #expect(palette.colors[Int(i)] == RGB(255, 0, 0))
        #expect(GIFPalette.standard.colors.contains(RenderColors.cartPolePole))
    }
}
