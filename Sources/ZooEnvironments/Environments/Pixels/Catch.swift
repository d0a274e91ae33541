import DSL

/// Catch-v0: a ball falls down a grid one row per step; move the paddle on the bottom row
/// under it. Observed only as an RGB image.
///
/// Why it exists: a pixel environment small and fast enough for tests and CI, so the image
/// pipeline (uint8 observations, grey-scale, resize, frame stacks, convolutional trunks,
/// checkpoints, `zoo play`) is proven end to end without Atari. The game is bsuite's Catch
/// (Osband et al. 2020): a `rows × columns` grid, the ball starts on the top row in a
/// uniformly drawn column, the paddle in the middle of the bottom row; actions 0/1/2 move
/// the paddle left / keep it / move it right (clipped at the walls); when the ball reaches
/// the bottom row the episode terminates with reward +1 if the paddle is under it, −1
/// otherwise (0 on every other step). Each cell is drawn as `cellSize × cellSize` pixels:
/// observations are `[rows·cell, columns·cell, 3]` uint8 (height, width, RGB), the ball
/// white, the paddle orange, the background black.
public struct Catch: Environment {
    public typealias ObservationScalar = UInt8

    public static let ball = RGB(255, 255, 255)
    public static let paddle = RGB(255, 140, 0)

    public let rows: Int
    public let columns: Int
    public let cellSize: Int
    public let observationSpace: Box
    public var random: SeededRandom
    /// Ball row (0 = top) and column, paddle column; `nil` before the first reset.
    public private(set) var ballRow = 0, ballColumn = 0, paddleColumn = 0
    var hasState = false

    /// A grid of `rows × columns` cells drawn `cellSize` pixels wide.
    public init(rows: Int = 10, columns: Int = 5, cellSize: Int = 4) throws(EnvError) {
        guard rows >= 2, columns >= 1, cellSize >= 1 else {
            throw .invalidArgument("Catch needs rows ≥ 2, columns ≥ 1 and cell_size ≥ 1, got \(rows), \(columns), \(cellSize)")
        }
        self.rows = rows
        self.columns = columns
        self.cellSize = cellSize
        observationSpace = try Box.pixels([rows * cellSize, columns * cellSize, 3])
        random = .fromEntropy()
    }

    public var actionSpace: ActionSpace { .discrete(Discrete(unchecked: 3)) }

    public var snapshotConfiguration: String { "Catch(rows: \(rows), columns: \(columns), cell_size: \(cellSize))" }

    public mutating func reset(
        seed: Int?, options: ResetOptions, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> Info? {
        guard options.values.isEmpty else {
            throw .invalidArgument("Catch takes no reset options, got \(options.values.keys.sorted())")
        }
        random.reseed(seed)
        ballRow = 0
        ballColumn = random.nextInt(below: columns)
        paddleColumn = columns / 2
        hasState = true
        draw(into: observation)
        return nil
    }

    public mutating func step(
        _ action: ActionView, into observation: UnsafeMutableBufferPointer<UInt8>
    ) throws(EnvError) -> StepOutcome {
        guard case let .discrete(a) = action, (0...2).contains(a) else {
            throw .actionOutOfSpace(action: action.describe(), space: "Discrete(3)")
        }
        guard hasState, ballRow < rows - 1 else { throw .resetNeeded(env: "Catch") }
        paddleColumn = min(max(paddleColumn + a - 1, 0), columns - 1)
        ballRow += 1
        draw(into: observation)
        guard ballRow == rows - 1 else { return StepOutcome(reward: 0, terminated: false) }
        return StepOutcome(reward: ballColumn == paddleColumn ? 1 : -1, terminated: true)
    }

    /// The grid as an image: black, the ball's and the paddle's cells filled.
    func draw(into image: UnsafeMutableBufferPointer<UInt8>) {
        image.update(repeating: 0)
        fill(row: rows - 1, column: paddleColumn, Self.paddle, image)
        fill(row: ballRow, column: ballColumn, Self.ball, image)
    }

    private func fill(row: Int, column: Int, _ color: RGB, _ image: UnsafeMutableBufferPointer<UInt8>) {
        let width = columns * cellSize
        for y in (row * cellSize)..<((row + 1) * cellSize) {
            for x in (column * cellSize)..<((column + 1) * cellSize) {
                let k = (y * width + x) * 3
                image[k] = color.r
                image[k + 1] = color.g
                image[k + 2] = color.b
            }
        }
    }
}

extension Catch: RenderableEnvironment {
    /// The observation enlarged to at least 160 pixels wide (whole multiples), for GIFs.
    public func render() -> RGBFrame {
        let width = columns * cellSize, height = rows * cellSize
        let zoom = max(1, (160 + width - 1) / width)
        var image = [UInt8](repeating: 0, count: width * height * 3)
        if hasState { image.withUnsafeMutableBufferPointer { draw(into: $0) } }
        var pixels = [UInt8](repeating: 0, count: width * zoom * height * zoom * 3)
        for y in 0..<(height * zoom) {
            for x in 0..<(width * zoom) {
                let source = ((y / zoom) * width + x / zoom) * 3, target = (y * width * zoom + x) * 3
                for c in 0..<3 { pixels[target + c] = image[source + c] }
            }
        }
        return RGBFrame(width: width * zoom, height: height * zoom, pixels: pixels)
    }
}
