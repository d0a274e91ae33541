/// A resize kernel whose inner loops take the channel count as a parameter, compiled once
/// per count from 1 to 4: a literal count in each call lets the compiler unroll the channel
/// loops, which an image's count read at run time would not.
protocol ChannelSpecializedKernel: Sendable {
    var channels: Int { get }
    /// The kernel for images of `channels` channels (`channels` equals `self.channels`).
    func run(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>, channels: Int)
}

extension ChannelSpecializedKernel {
    func apply(_ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>) {
        switch channels {
        case 1: run(source, destination, channels: 1)
        case 2: run(source, destination, channels: 2)
        case 3: run(source, destination, channels: 3)
        default: run(source, destination, channels: 4)
        }
    }
}
