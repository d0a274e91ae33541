/// Gymnasium's classic-control colours, and every colour Zoo's renderers use (the GIF
/// palette puts these first so they are reproduced exactly).
public enum RenderColors {
    public static let cartPolePole = RGB(202, 152, 101)
    public static let cartPoleAxle = RGB(129, 132, 203)
    public static let acrobotLink = RGB(0, 204, 204)
    public static let acrobotJoint = RGB(204, 204, 0)
    public static let mountainCarWheel = RGB(128, 128, 128)
    public static let mountainCarFlag = RGB(204, 204, 0)
    public static let pendulumRod = RGB(204, 77, 77)
    /// The text overlay's box and letters.
    public static let overlayBox = RGB(40, 40, 40)
    public static let overlayText = RGB(255, 255, 255)

    /// Every colour above plus LunarLander's.
    public static let all: [RGB] = [
        .white, .black, cartPolePole, cartPoleAxle, acrobotLink, acrobotJoint, mountainCarWheel,
        mountainCarFlag, pendulumRod, overlayBox, overlayText,
        LunarLanderPalette.body, LunarLanderPalette.outline, LunarLanderPalette.flag, LunarLanderPalette.flame,
    ]
}

/// Gymnasium draws classic-control scenes with y up and flips the surface; Zoo draws
/// straight into a y-down canvas through this helper.
struct YUp {
    let height: Double
    /// The canvas point for world-pixel coordinates (x right, y up).
    func callAsFunction(_ x: Double, _ y: Double) -> (x: Double, y: Double) { (x, height - y) }
}
