extension Sequential {
    /// The convolutional trunk of DQN's Nature paper (Mnih et al. 2015), as CleanRL and
    /// Stable-Baselines3 build it for Atari: Conv 32×8×8 stride 4, ReLU, Conv 64×4×4
    /// stride 2, ReLU, Conv 64×3×3 stride 1, ReLU, Flatten, Linear to `features`, ReLU.
    /// Parameter names are `0.…`, `2.…`, `4.…`, `7.…`, as in the PyTorch `Sequential`.
    ///
    /// It exists so that an Atari agent's body is one line. For byte pixels wrap it in
    /// `Rescaled(by: 1 / 255, …)`; CleanRL initialises every layer with
    /// `.orthogonal(gain: √2)`.
    public static func natureCNN(inputChannels: Int = 4, inputSize: Size2D = 84, features: Int = 512,
                                 initializer: LinearInitializer = .pytorchDefault,
                                 random: inout SeededRandom) -> Sequential {
        let c1 = Conv2d(inputChannels, 32, kernel: 8, stride: 4, initializer: initializer, random: &random)
        let c2 = Conv2d(32, 64, kernel: 4, stride: 2, initializer: initializer, random: &random)
        let c3 = Conv2d(64, 64, kernel: 3, stride: 1, initializer: initializer, random: &random)
        let out = c3.outputSize(for: c2.outputSize(for: c1.outputSize(for: inputSize)))
        precondition(out.height > 0 && out.width > 0, "natureCNN: input \(inputSize) is too small for its kernels")
        let flat = 64 * out.height * out.width
        return Sequential {
            c1
            ReLU()
            c2
            ReLU()
            c3
            ReLU()
            Flatten()
            Linear(flat, features, initializer: initializer, random: &random)
            ReLU()
        }
    }
}
