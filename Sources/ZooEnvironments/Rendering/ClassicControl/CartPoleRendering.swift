import Foundation

extension CartPole: RenderableEnvironment {
    /// Gymnasium's CartPole picture, 600×400: a black cart on a black track, the pole in
    /// (202, 152, 101) hinged on a blue-grey axle; white before the first reset.
    public func render() -> RGBFrame {
        let width = 600.0, height = 400.0
        var canvas = Canvas(width: Int(width), height: Int(height), background: .white)
        guard hasState else { return canvas.frame }
        let p = YUp(height: height)
        let scale = width / (Self.xThreshold * 2)
        let poleWidth = 10.0, poleLength = scale * (2 * Self.length)
        let cartWidth = 50.0, cartHeight = 30.0, cartY = 100.0
        let cartX = x * scale + width / 2
        let l = -cartWidth / 2, r = cartWidth / 2, t = cartHeight / 2, b = -cartHeight / 2
        let axleOffset = cartHeight / 4
        canvas.fillPolygon([(l, b), (l, t), (r, t), (r, b)].map { p($0.0 + cartX, $0.1 + cartY) }, .black)
        let pl = -poleWidth / 2, pr = poleWidth / 2, pt = poleLength - poleWidth / 2, pb = -poleWidth / 2
        let pole = [(pl, pb), (pl, pt), (pr, pt), (pr, pb)].map { corner -> (x: Double, y: Double) in
            // Rotated by −θ (pygame's Vector2.rotate_rad), about the axle.
            let c = cos(-theta), s = sin(-theta)
            return p(corner.0 * c - corner.1 * s + cartX, corner.0 * s + corner.1 * c + cartY + axleOffset)
        }
        canvas.fillPolygon(pole, RenderColors.cartPolePole)
        canvas.fillCircle(center: p(cartX, cartY + axleOffset), radius: poleWidth / 2, RenderColors.cartPoleAxle)
        canvas.drawLine(from: p(0, cartY), to: p(width, cartY), .black)
        return canvas.frame
    }
}
