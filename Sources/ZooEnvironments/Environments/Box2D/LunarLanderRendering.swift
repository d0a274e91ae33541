import Physics2D

/// Gymnasium's LunarLander picture, drawn by Zoo's own rasteriser.
///
/// Why: `zoo play` turns frames into GIFs and tests look at them, without pygame. The
/// frame is 600×400 with Gymnasium's colours: white moon below a black sky (the sky
/// polygons above each terrain chunk), the lander hull and legs filled in (128, 102, 230)
/// and outlined in (77, 77, 128), white flag poles with yellow (204, 204, 0) flags at the
/// helipad. Gymnasium's exhaust particles are physics bodies that only decorate; Zoo
/// draws flames for the latest step's engine powers instead.
public enum LunarLanderPalette {
    public static let moon = RGB.white
    public static let sky = RGB.black
    public static let body = RGB(128, 102, 230)
    public static let outline = RGB(77, 77, 128)
    public static let pole = RGB.white
    public static let flag = RGB(204, 204, 0)
    public static let flame = RGB(255, 127, 127)
}

extension LunarLanderEnvironment: RenderableEnvironment {
    public func render() -> RGBFrame {
        typealias C = LunarLanderConstants
        let width = C.viewportWidth, height = C.viewportHeight
        var canvas = Canvas(width: width, height: height, background: LunarLanderPalette.moon)
        guard let scene else {
            // Before the first reset: an empty sky.
            return Canvas(width: width, height: height, background: LunarLanderPalette.sky).frame
        }
        let h = Double(height)
        /// Box2D metres (y up) to pixels (y down).
        func px(_ x: Double, _ y: Double) -> (x: Double, y: Double) { (x * C.scale, h - y * C.scale) }
        func px(_ v: Vec2) -> (x: Double, y: Double) { px(Double(v.x), Double(v.y)) }

        // Sky above each terrain chunk.
        let xs = (0..<C.chunks).map { C.worldWidth / Double(C.chunks - 1) * Double($0) }
        for i in 0..<(C.chunks - 1) {
            let y1 = Double(Float(scene.terrainHeights[i])), y2 = Double(Float(scene.terrainHeights[i + 1]))
            canvas.fillPolygon([px(xs[i], y1), px(xs[i + 1], y2), px(xs[i + 1], C.worldHeight), px(xs[i], C.worldHeight)],
                               LunarLanderPalette.sky)
        }

        // Flames of the latest step, behind the hull (lander-local pixel coordinates).
        let lander = scene.lander
        func local(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
            px(lander.worldPoint(Vec2(Float(x / C.scale), Float(y / C.scale))))
        }
        if lastMainPower > 0 {
            let length = 10 + 25 * lastMainPower
            canvas.fillPolygon([local(-6, -10), local(6, -10), local(0, -10 - length)], LunarLanderPalette.flame)
        }
        if lastSidePower > 0 {
            let d = lastSideDirection, length = 6 + 12 * lastSidePower
            canvas.fillPolygon([local(-d * 15, 11), local(-d * 15, 17), local(-d * (15 + length), 14)], LunarLanderPalette.flame)
        }

        // Hull and legs, then the helipad flags (Gymnasium draws them after each body).
        for body in [lander, scene.legs.0, scene.legs.1] {
            for fixture in body.fixtureList {
                guard case let .polygon(shape) = fixture.shape else { continue }
                let path = shape.vertices.map { px(body.worldPoint($0)) }
                canvas.fillPolygon(path, LunarLanderPalette.body)
                canvas.strokePolygon(path, LunarLanderPalette.outline)
            }
        }
        for x in [C.helipadX1, C.helipadX2] {
            let base = px(x, C.helipadY)
            let top = (x: base.x, y: base.y - 50)
            canvas.drawLine(from: base, to: top, LunarLanderPalette.pole)
            canvas.fillPolygon([top, (top.x, top.y + 10), (top.x + 25, top.y + 5)], LunarLanderPalette.flag)
        }
        return canvas.frame
    }
}
