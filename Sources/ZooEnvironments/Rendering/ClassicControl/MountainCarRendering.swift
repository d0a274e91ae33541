import Foundation

/// Gymnasium's MountainCar picture, shared by the discrete and continuous versions:
/// 600×400, the hill sin(3x)·0.45 + 0.55 as a black line, a black car with grey wheels
/// tilted along the slope, and a yellow flag at the goal.
enum MountainCarPicture {
    static func render(position: Double?, minPosition: Double, maxPosition: Double, goalPosition: Double) -> RGBFrame {
        let width = 600.0, height = 400.0
        var canvas = Canvas(width: Int(width), height: Int(height), background: .white)
        guard let position else { return canvas.frame }
        let p = YUp(height: height)
        let scale = width / (maxPosition - minPosition)
        let carWidth = 40.0, carHeight = 20.0, clearance = 10.0
        func hill(_ x: Double) -> Double { sin(3 * x) * 0.45 + 0.55 }
        let xs = (0..<100).map { minPosition + (maxPosition - minPosition) * Double($0) / 99 }
        canvas.drawPolyline(xs.map { p(($0 - minPosition) * scale, hill($0) * scale) }, .black)

        let angle = cos(3 * position), c = cos(angle), s = sin(angle)
        let origin = (x: (position - minPosition) * scale, y: clearance + hill(position) * scale)
        func place(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
            p(x * c - y * s + origin.x, x * s + y * c + origin.y)
        }
        let l = -carWidth / 2, r = carWidth / 2, t = carHeight, b = 0.0
        canvas.fillPolygon([place(l, b), place(l, t), place(r, t), place(r, b)], .black)
        for wheel in [carWidth / 4, -carWidth / 4] {
            canvas.fillCircle(center: place(wheel, 0), radius: carHeight / 2.5, RenderColors.mountainCarWheel)
        }
        let flagX = (goalPosition - minPosition) * scale, flagY1 = hill(goalPosition) * scale, flagY2 = flagY1 + 50
        canvas.drawLine(from: p(flagX, flagY1), to: p(flagX, flagY2), .black)
        canvas.fillPolygon([p(flagX, flagY2), p(flagX, flagY2 - 10), p(flagX + 25, flagY2 - 5)], RenderColors.mountainCarFlag)
        return canvas.frame
    }
}

extension MountainCar: RenderableEnvironment {
    /// Gymnasium's MountainCar picture (see `MountainCarPicture`).
    public func render() -> RGBFrame {
        MountainCarPicture.render(position: hasState ? position : nil, minPosition: Self.minPosition,
                                  maxPosition: Self.maxPosition, goalPosition: Self.goalPosition)
    }
}

extension MountainCarContinuous: RenderableEnvironment {
    /// Gymnasium's MountainCarContinuous picture (see `MountainCarPicture`).
    public func render() -> RGBFrame {
        MountainCarPicture.render(position: hasState ? position : nil, minPosition: Self.minPosition,
                                  maxPosition: Self.maxPosition, goalPosition: Self.goalPosition)
    }
}
