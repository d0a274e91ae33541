import ArgumentParser
import Foundation
import Zoo

/// `zoo bench dsl`: GEMM GFLOP/s and small-MLP training-step time.
struct BenchDSL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsl",
        abstract: "GEMM throughput, one MLP training step, the Nature-CNN actor-critic and its trunk layer by layer (compare with scripts/bench_dsl_vs_torch.py)."
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let report = DSLBenchmark.run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("GEMM kernel: \(report.gemmKernel)")
        print("matrix multiply          GFLOP/s")
        for r in report.gemm {
            print("  m=\(r.m) n=\(r.n) k=\(r.k)".padding(toLength: 25, withPad: " ", startingAt: 0)
                  + String(format: "%8.1f", r.gflops))
        }
        print("8-64-64-4 tanh MLP, forward + backward + Adam step")
        for r in report.mlp {
            print("  batch \(r.batch)".padding(toLength: 25, withPad: " ", startingAt: 0)
                  + String(format: "%8.1f µs  %8.0f steps/s", r.usPerStep, r.stepsPerS))
        }
        print("Nature-CNN actor-critic, [batch, 4, 84, 84]     min / median / max ms    samples/s")
        for r in report.natureCNN {
            print("  \(r.mode) batch \(r.batch), \(r.threads)t".padding(toLength: 25, withPad: " ", startingAt: 0)
                  + String(format: "%8.2f / %8.2f / %8.2f  %9.0f", r.minMs, r.medianMs, r.maxMs, r.samplesPerS))
        }
        print("Nature-CNN trunk layers, forward with ReLU      min ms   GFLOP/s")
        for r in report.natureCNNLayers {
            print("  \(r.layer), batch \(r.batch), \(r.threads)t".padding(toLength: 45, withPad: " ", startingAt: 0)
                  + String(format: "%8.3f  %8.1f", r.minMs, r.gflops))
        }
    }
}
