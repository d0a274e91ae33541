import Foundation

extension Acrobot: RenderableEnvironment {
    /// Gymnasium's Acrobot picture, 500×500: two cyan links hanging from the centre with
    /// yellow joints and the black target line one link length above the pivot.
    public func render() -> RGBFrame {
        let size = 500.0
        var canvas = Canvas(width: Int(size), height: Int(size), background: .white)
        guard hasState else { return canvas.frame }
        let p = YUp(height: size)
        let bound = Self.linkLength1 + 1.0 + 0.2
        let scale = size / (bound * 2), offset = size / 2
        // Joint positions (Gymnasium swaps x and y of its [−l·cos θ, l·sin θ] points).
        let p1 = (x: Self.linkLength1 * sin(theta1) * scale, y: -Self.linkLength1 * cos(theta1) * scale)
        canvas.drawLine(from: p(-2.2 * scale + offset, 1 * scale + offset), to: p(2.2 * scale + offset, 1 * scale + offset), .black)
        let joints = [(x: 0.0, y: 0.0), p1]
        let angles = [theta1 - Double.pi / 2, theta1 + theta2 - Double.pi / 2]
        for (joint, angle) in zip(joints, angles) {
            let linkLength = 1.0 * scale, half = 0.1 * scale
            let corners = [(0.0, -half), (0.0, half), (linkLength, half), (linkLength, -half)]
            let c = cos(angle), s = sin(angle)
            let link = corners.map { p($0.0 * c - $0.1 * s + joint.x + offset, $0.0 * s + $0.1 * c + joint.y + offset) }
            canvas.fillPolygon(link, RenderColors.acrobotLink)
            canvas.fillCircle(center: p(joint.x + offset, joint.y + offset), radius: 0.1 * scale, RenderColors.acrobotJoint)
        }
        return canvas.frame
    }
}
