/// ALE's 18 joystick actions, numbered as ALE numbers them.
public enum Action: Int, Sendable, CaseIterable {
    case noop = 0, fire, up, right, left, down, upRight, upLeft, downRight, downLeft
    case upFire, rightFire, leftFire, downFire, upRightFire, upLeftFire, downRightFire, downLeftFire

    /// The action holds the fire button.
    public var fire: Bool {
        switch self {
        case .fire, .upFire, .rightFire, .leftFire, .downFire,
             .upRightFire, .upLeftFire, .downRightFire, .downLeftFire: return true
        default: return false
        }
    }

    public var up: Bool { [.up, .upRight, .upLeft, .upFire, .upRightFire, .upLeftFire].contains(self) }
    public var down: Bool { [.down, .downRight, .downLeft, .downFire, .downRightFire, .downLeftFire].contains(self) }
    public var left: Bool { [.left, .upLeft, .downLeft, .leftFire, .upLeftFire, .downLeftFire].contains(self) }
    public var right: Bool { [.right, .upRight, .downRight, .rightFire, .upRightFire, .downRightFire].contains(self) }
}
