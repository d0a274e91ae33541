/// The two RGB → grey conversions Python pipelines use, each bit-exact.
///
/// It exists because Gymnasium 1.x's `GrayscaleObservation` (BT.709 weights) and OpenCV's
/// `cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)` (BT.601 weights), which Stable-Baselines3's
/// `WarpFrame` and so its Atari wrapper use, disagree on 97% of colours, by up to 33 grey
/// levels: an agent trained on one sees shifted grey levels with the other.
public enum GreyscaleWeights: Sendable {
    /// Gymnasium: `np.sum(obs * [0.2125, 0.7154, 0.0721], axis=-1).astype(np.uint8)`, that is
    /// `(0.2125·r + 0.7154·g) + 0.0721·b` in `Double` (numpy's order; the other order differs
    /// on 54 colours), truncated. Checked against numpy on all 2²⁴ colours.
    case gymnasium
    /// OpenCV: `(9798·r + 19235·g + 3735·b + 2¹⁴) >> 15`, its 15-bit fixed-point form of
    /// 0.299, 0.587, 0.114. Checked against cv2 4.14.0 and 5.0.0 on all 2²⁴ colours.
    case opencv

    /// Writes the grey level of each RGB pixel of `rgb` (height × width × 3, row-major) into
    /// `grey` (height × width), which must have a third as many values (a programming error
    /// otherwise). Allocates nothing.
    public func apply(_ rgb: UnsafeBufferPointer<UInt8>, into grey: UnsafeMutableBufferPointer<UInt8>) {
        precondition(
            rgb.count == 3 * grey.count,
            "GreyscaleWeights: \(rgb.count) RGB values cannot fill \(grey.count) grey values")
        guard let pixels = rgb.baseAddress, let out = grey.baseAddress else { return }
        switch self {
        case .gymnasium:
            for i in 0..<grey.count {
                let r = Double(pixels[3 &* i]), g = Double(pixels[3 &* i &+ 1]), b = Double(pixels[3 &* i &+ 2])
                out[i] = UInt8((r * 0.2125 + g * 0.7154) + b * 0.0721)
            }
        case .opencv:
            for i in 0..<grey.count {
                let r = UInt32(pixels[3 &* i]), g = UInt32(pixels[3 &* i &+ 1]), b = UInt32(pixels[3 &* i &+ 2])
                out[i] = UInt8(truncatingIfNeeded: (9798 &* r &+ 19235 &* g &+ 3735 &* b &+ 16384) >> 15)
            }
        }
    }
}
