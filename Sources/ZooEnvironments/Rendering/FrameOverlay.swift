/// The caption `zoo play` stamps on every frame: the episode number and the running
/// return, white on a dark box in the top-left corner.
public struct FrameOverlay: Sendable {
    public var lines: [String]

    public init(episode: Int, of episodes: Int, step: Int, episodeReturn: Double) {
        lines = ["EPISODE \(episode)/\(episodes)  STEP \(step)", "RETURN \(Self.format(episodeReturn))"]
    }

    /// `value` with one decimal ("-12.3", "500.0").
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NAN" : (value > 0 ? "INF" : "-INF") }
        let tenths = (value * 10).rounded()
        let sign = tenths < 0 ? "-" : ""
        let magnitude = Int(abs(tenths))
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// Draws the caption onto `frame` (font scale 2 on frames at least 400 pixels wide).
    public func draw(on frame: RGBFrame) -> RGBFrame {
        var canvas = Canvas(frame: frame)
        let scale = frame.width >= 400 ? 2 : 1
        let lineHeight = (BitmapFont.height + 3) * scale
        let margin = 3 * scale
        let boxWidth = (lines.map { Canvas.textWidth($0, scale: scale) }.max() ?? 0) + 2 * margin
        canvas.fillRect(x: 0, y: 0, width: boxWidth, height: lines.count * lineHeight + 2 * margin - 3 * scale,
                        RenderColors.overlayBox)
        for (i, line) in lines.enumerated() {
            canvas.drawText(line, x: margin, y: margin + i * lineHeight, scale: scale, color: RenderColors.overlayText)
        }
        return canvas.frame
    }
}
