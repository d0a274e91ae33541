import Foundation
import Zoo

/// Ctrl-C during training: the first press asks the trainer to stop after the current
/// update (it then saves its checkpoint and flushes every file); a second press exits at
/// once.
enum Interrupt {
    private nonisolated(unsafe) static var source: (any DispatchSourceSignal)?
    private nonisolated(unsafe) static var presses = 0

    /// Routes SIGINT to `trainer.stopRequested`.
    static func stopGracefully(_ trainer: Trainer) {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler {
            presses += 1
            if presses > 1 { exit(130) }
            FileHandle.standardError.write(Data("\nstopping after this update (Ctrl-C again to quit now)…\n".utf8))
            trainer.stopRequested = true
        }
        s.resume()
        source = s
    }
}
