// Frames per second of Zoo's Atari2600 emulator on one core (compiled with the library's
// sources by bench_emulator_vs_ale.py). Usage: bench <rom.bin> <frames> <paddles-swapped 0/1>
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4, let data = FileManager.default.contents(atPath: arguments[1]),
      let frames = Int(arguments[2]) else {
    print("usage: bench <rom.bin> <frames> <swapped 0/1>")
    exit(2)
}
guard let cartridge = try? Cartridge(rom: [UInt8](data)) else {
    print("unsupported ROM")
    exit(2)
}
var session = ArcadeSession(cartridge: cartridge, seed: 0, controller: .paddles(swapped: arguments[3] == "1"))
let actions: [Action] = [.noop, .fire, .right, .left, .rightFire, .leftFire]
var state: UInt64 = 12345
let clock = ContinuousClock()
let start = clock.now
var checksum = 0
for _ in 0..<frames {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    session.act(actions[Int(state >> 33) % actions.count])
    checksum &+= Int(session.console.ram[14])
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
print(String(format: "zoo %.0f frames/s (%d frames, %.2f s, checksum %d)", Double(frames) / seconds, frames, seconds, checksum))
