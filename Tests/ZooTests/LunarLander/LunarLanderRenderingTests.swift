import Foundation
import Testing
@testable import Zoo

@Suite("LunarLander rendering and image encoding")
struct LunarLanderRenderingTests {
    @Test("CRC-32 and Adler-32 check values")
    func checksums() {
        #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Checksums.crc32([UInt8]()) == 0)
        #expect(Checksums.adler32([UInt8]()) == 1)
        // Long input exercises Adler-32's deferred modulo.
        let long = [UInt8](repeating: 255, count: 100_000)
        var a: UInt64 = 1, b: UInt64 = 0
        for x in long { a = (a + UInt64(x)) % 65521; b = (b + a) % 65521 }
        #expect(Checksums.adler32(long) == UInt32((b << 16) | a))
    }

    /// Decodes a PNG made of stored deflate blocks (what `pngData` writes) back to pixels.
    static func decodeStoredPNG(_ png: [UInt8]) -> (width: Int, height: Int, pixels: [UInt8])? {
        func be(_ i: Int) -> Int { Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3]) }
        guard png.count > 8, Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        var i = 8, width = 0, height = 0, idat: [UInt8] = []
        while i + 8 <= png.count {
            let n = be(i), type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            let data = Array(png[(i + 8)..<(i + 8 + n)])
            let crc = UInt32(be(i + 8 + n))
            guard Checksums.crc32(data, continuing: Checksums.crc32(Array(type.utf8))) == crc else { return nil }
            if type == "IHDR" { width = Int(data[0]) << 24 | Int(data[1]) << 16 | Int(data[2]) << 8 | Int(data[3]); height = Int(data[7]) | Int(data[6]) << 8 }
            if type == "IDAT" { idat += data }
            i += 12 + n
        }
        var raw: [UInt8] = [], k = 2
        while k < idat.count - 4 {
            let final = idat[k] & 1
            let n = Int(idat[k + 1]) | Int(idat[k + 2]) << 8
            raw += idat[(k + 5)..<(k + 5 + n)]
            k += 5 + n
            if final == 1 { break }
        }
        let adler = UInt32(idat[k]) << 24 | UInt32(idat[k + 1]) << 16 | UInt32(idat[k + 2]) << 8 | UInt32(idat[k + 3])
        guard adler == Checksums.adler32(raw) else { return nil }
        var pixels: [UInt8] = []
        for y in 0..<height {
            let row = y * (1 + 3 * width)
            guard raw[row] == 0 else { return nil }
            pixels += raw[(row + 1)..<(row + 1 + 3 * width)]
        }
        return (width, height, pixels)
    }

    @Test("PNG round trip: chunks' CRCs, stored blocks over 64 KiB, Adler-32, pixels")
    func pngRoundTrip() throws {
        var canvas = Canvas(width: 200, height: 150, background: RGB(1, 2, 3))
        canvas.fillPolygon([(10, 10), (190, 20), (100, 140)], RGB(200, 100, 50))
        let png = canvas.frame.pngData()
        let decoded = try #require(Self.decodeStoredPNG(png))
        #expect(decoded.width == 200 && decoded.height == 150)
        #expect(decoded.pixels == canvas.frame.pixels)
        let ppm = canvas.frame.ppmData()
        #expect(ppm.count == "P6\n200 150\n255\n".utf8.count + 200 * 150 * 3)
    }

    @Test("scanline fill covers pixel centres inside the polygon, even-odd")
    func polygonFill() {
        var canvas = Canvas(width: 10, height: 10, background: .black)
        canvas.fillPolygon([(2, 2), (6, 2), (6, 5), (2, 5)], .white)
        var count = 0
        for y in 0..<10 { for x in 0..<10 where canvas.pixel(x, y) == .white { count += 1 } }
        #expect(count == 12)
        #expect(canvas.pixel(2, 2) == .white && canvas.pixel(5, 4) == .white && canvas.pixel(6, 2) == .black)
        // Off-canvas and degenerate input is ignored, never traps.
        canvas.fillPolygon([(-1e9, -1e9), (1e9, 5), (.nan, 3)], .white)
        canvas.drawLine(from: (-1e12, 0), to: (1e12, 3), .white)
    }

    @Test("a LunarLander frame: 600×400, Gymnasium's colours where they belong")
    func frame() throws {
        var env = LunarLander(try LunarLanderConfiguration())
        let blank = env.render()
        #expect(blank.width == 600 && blank.height == 400)
        _ = try env.reset(seed: 3)
        for _ in 0..<25 { _ = try env.step(0) }
        _ = try env.step(2)
        let f = env.render()
        #expect(f.width == 600 && f.height == 400 && f.pixels.count == 600 * 400 * 3)
        func at(_ x: Int, _ y: Int) -> RGB {
            let i = 3 * (y * 600 + x)
            return RGB(f.pixels[i], f.pixels[i + 1], f.pixels[i + 2])
        }
        #expect(at(20, 5) == LunarLanderPalette.sky)            // top of the screen
        #expect(at(300, 399) == LunarLanderPalette.moon)        // bottom: moon surface
        // The helipad is flat at H/4: ground just below, sky just above the pad centre.
        #expect(at(300, 400 - 100 + 3) == LunarLanderPalette.moon)
        #expect(at(300, 400 - 100 - 3) == LunarLanderPalette.sky)
        // Flags: yellow next to the poles at x = 240 and 360, 45 px above the pad.
        #expect(at(245, 400 - 100 - 45) == LunarLanderPalette.flag)
        #expect(at(365, 400 - 100 - 45) == LunarLanderPalette.flag)
        // The lander's body colour near its position, flame below it (main engine fired).
        var bodyPixels = 0, flamePixels = 0
        for i in stride(from: 0, to: f.pixels.count, by: 3) {
            let c = RGB(f.pixels[i], f.pixels[i + 1], f.pixels[i + 2])
            if c == LunarLanderPalette.body { bodyPixels += 1 }
            if c == LunarLanderPalette.flame { flamePixels += 1 }
        }
        #expect(bodyPixels > 700)
        #expect(flamePixels > 50)
        // ZOO_LUNAR_FRAME=path keeps a copy to look at.
        if let keep = ProcessInfo.processInfo.environment["ZOO_LUNAR_FRAME"] { try f.write(to: keep) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zoo-lunar-\(UUID().uuidString).png").path
        try f.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let back = try #require(Self.decodeStoredPNG(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
        #expect(back.pixels == f.pixels)
    }
}
