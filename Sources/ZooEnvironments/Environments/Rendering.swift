/// An RGB image, row-major, 3 bytes per pixel: what `render()` returns in Gymnasium's
/// `rgb_array` mode.
public struct RGBFrame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "RGBFrame needs width*height*3 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// The optional render hook: an environment that can draw itself adopts this, and video
/// recorders or evaluation tools ask for frames through it. Rendering is kept out of
/// `Environment` so that stepping never depends on drawing code.
public protocol RenderableEnvironment: Environment {
    /// The current state drawn as an RGB frame.
    func render() -> RGBFrame
}
