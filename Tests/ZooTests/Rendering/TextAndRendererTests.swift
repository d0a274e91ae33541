import Testing
@testable import Zoo
@testable import ZooEnvironments

/// The bitmap font, the frame overlay and the classic-control renderers.
@Suite("Text and renderers")
struct TextAndRendererTests {
    @Test func glyphsAreFiveByEvenAndCoverTheOverlayAlphabet() {
        for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ .,:-+/=()%#_!?" {
            let g = BitmapFont.glyph(c)
            #expect(g?.count == 7, "glyph \(c)")
            #expect(g?.allSatisfy { $0 < 32 } == true)
        }
        #expect(BitmapFont.glyph("a") == BitmapFont.glyph("A"))
        #expect(BitmapFont.glyph("é") == nil)
    }

    @Test func drawnTextHasTheGlyphsPixels() {
        var canvas = Canvas(width: 20, height: 10, background: .black)
        let advance = canvas.drawText("1-", x: 1, y: 1, color: .white)
        #expect(advance == 12)
        // "1": the top row is "..#..", the bottom row ".###.".
        let top = (0..<5).map { canvas.pixel(1 + $0, 1) == .white }
        #expect(top == [false, false, true, false, false])
        let bottom = (0..<5).map { canvas.pixel(1 + $0, 7) == .white }
        #expect(bottom == [false, true, true, true, false])
        // "-": the middle row is full.
        #expect((0..<5).allSatisfy { canvas.pixel(7 + $0, 4) == .white })
        #expect(canvas.pixel(7, 3) == .black)
        // Scale 2 doubles every font pixel.
        var big = Canvas(width: 20, height: 20, background: .black)
        big.drawText("1", x: 0, y: 0, scale: 2, color: .white)
        #expect(big.pixel(4, 0) == .white && big.pixel(5, 1) == .white && big.pixel(3, 0) == .black)
    }

    @Test func overlayFormatsReturnsAndStampsTheCorner() {
        #expect(FrameOverlay.format(-12.34) == "-12.3")
        #expect(FrameOverlay.format(500) == "500.0")
        #expect(FrameOverlay.format(0.05) == "0.1")
        #expect(FrameOverlay.format(-0.04) == "0.0")
        let overlay = FrameOverlay(episode: 2, of: 3, step: 40, episodeReturn: 17.5)
        #expect(overlay.lines == ["EPISODE 2/3  STEP 40", "RETURN 17.5"])
        let frame = overlay.draw(on: Canvas(width: 600, height: 400, background: .white).frame)
        let canvas = Canvas(frame: frame)
        #expect(canvas.pixel(1, 1) == RenderColors.overlayBox)
        #expect(canvas.pixel(599, 399) == .white)
        let white = (0..<200).flatMap { x in (0..<40).map { y in canvas.pixel(x, y) } }.filter { $0 == .white }.count
        #expect(white > 100)
    }

    @Test func classicControlEnvironmentsRenderThroughTheirTimeLimit() throws {
        let expectations: [(String, Int, Int, RGB)] = [
            ("CartPole-v1", 600, 400, RenderColors.cartPolePole),
            ("Acrobot-v1", 500, 500, RenderColors.acrobotLink),
            ("MountainCar-v0", 600, 400, RenderColors.mountainCarFlag),
            ("MountainCarContinuous-v0", 600, 400, RenderColors.mountainCarWheel),
            ("Pendulum-v1", 500, 500, RenderColors.pendulumRod),
        ]
        for (id, w, h, color) in expectations {
            var env = try make(id)
            let blank = try #require(env as? any RenderableEnvironment).render()
            #expect(Set(stride(from: 0, to: blank.pixels.count, by: 3).map { blank.pixels[$0] }) == [255], "\(id) before reset")
            _ = try env.reset(seed: 3)
            let frame = try #require(env as? any RenderableEnvironment, "\(id) renders").render()
            #expect(frame.width == w && frame.height == h, "\(id)")
            let colors = Set(stride(from: 0, to: frame.pixels.count, by: 3).map { RGB(frame.pixels[$0], frame.pixels[$0 + 1], frame.pixels[$0 + 2]) })
            #expect(colors.contains(color), "\(id) draws its colours")
            #expect(colors.contains(.black) && colors.contains(.white), "\(id)")
        }
    }

    @Test func longStraightLinesHaveNoGaps() {
        var canvas = Canvas(width: 600, height: 10, background: .white)
        canvas.drawLine(from: (0, 5), to: (600, 5), .black)
        #expect((0..<600).allSatisfy { canvas.pixel($0, 5) == .black })
    }

    @Test func cartPoleFrameFollowsTheState() throws {
        var pole = CartPole(suttonBartoReward: false)
        _ = try pole.reset(seed: 0)
        pole.x = 0
        pole.theta = 0
        let upright = Canvas(frame: pole.render())
        // Cart centred: the cart body is black at the centre column, the pole above it.
        #expect(upright.pixel(300, 310) == .black)
        #expect(upright.pixel(300, 250) == RenderColors.cartPolePole)
        pole.x = 1.2
        pole.theta = 0.2
        let moved = Canvas(frame: pole.render())
        #expect(moved.pixel(300, 310) == .white)
        #expect(moved.pixel(450, 310) == .black)
        #expect(moved.pixel(300, 300) == .black)   // the track
        // Leaning right (positive θ): the pole's top is right of the axle.
        #expect(moved.pixel(463, 230) == RenderColors.cartPolePole)
        #expect(moved.pixel(437, 230) != RenderColors.cartPolePole)
    }
}
