import Foundation

extension Pendulum: RenderableEnvironment {
    /// Gymnasium's Pendulum picture, 500×500: a red rod with rounded ends swinging about
    /// a black axle at the centre, θ = 0 pointing up. (Gymnasium's torque-arrow image is
    /// not drawn.)
    public func render() -> RGBFrame {
        let size = 500.0
        var canvas = Canvas(width: Int(size), height: Int(size), background: .white)
        guard hasState else { return canvas.frame }
        let p = YUp(height: size)
        let bound = 2.2, scale = size / (bound * 2), offset = size / 2
        let rodLength = 1 * scale, rodWidth = 0.2 * scale
        let l = 0.0, r = rodLength, t = rodWidth / 2, b = -rodWidth / 2
        let angle = theta + Double.pi / 2, c = cos(angle), s = sin(angle)
        func place(_ x: Double, _ y: Double) -> (x: Double, y: Double) { p(x * c - y * s + offset, x * s + y * c + offset) }
        canvas.fillPolygon([place(l, b), place(l, t), place(r, t), place(r, b)], RenderColors.pendulumRod)
        canvas.fillCircle(center: p(offset, offset), radius: rodWidth / 2, RenderColors.pendulumRod)
        canvas.fillCircle(center: place(rodLength, 0), radius: rodWidth / 2, RenderColors.pendulumRod)
        canvas.fillCircle(center: p(offset, offset), radius: 0.05 * scale, .black)
        return canvas.frame
    }
}
