import Foundation
import Zoo

/// Ctrl-C (SIGINT) or SIGTERM — what a terminal, `zoo compare`, `kill` and a cluster's
/// scheduler send — during training: the first asks the trainer to stop after the
/// current update (it then saves its checkpoint and flushes every file); a second exits
/// at once.
enum Interrupt {
    private nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
    private nonisolated(unsafe) static var signals = 0

    /// Routes SIGINT and SIGTERM to `trainer.stopRequested`.
    static func stopGracefully(_ trainer: Trainer) {
        onSignal { count in
            if count > 1 { exit(130) }
            FileHandle.standardError.write(Data("\nstopping after this update (Ctrl-C again to quit now)…\n".utf8))
            trainer.stopRequested = true
        }
    }

    /// Calls `handler` with the number of signals so far on each SIGINT or SIGTERM, on a
    /// serial queue.
    static func onSignal(_ handler: @escaping (Int) -> Void) {
        let queue = DispatchQueue(label: "zoo.signals")
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: number, queue: queue)
            s.setEventHandler {
                signals += 1
                handler(signals)
            }
            s.resume()
            sources.append(s)
        }
    }
}
