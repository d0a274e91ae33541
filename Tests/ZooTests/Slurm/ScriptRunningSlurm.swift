import Foundation
import Synchronization
@testable import Zoo

/// A `SlurmClient` that is its own one-node cluster: `submit` runs the batch script with
/// bash at once — every task of an array in turn, with `SLURM_ARRAY_TASK_ID` set — so the
/// generated shell runs for real without Slurm. Nothing is ever left queued.
final class ScriptRunningSlurm: SlurmClient {
    /// The `sbatch` arguments of each submission, and the array sizes.
    let submissions = Mutex<[[String]]>([])
    let arrayTasks = Mutex<[Int]>([])

    func submit(_ arguments: [String]) throws(SlurmError) -> String {
        let id = submissions.withLock { list in
            list.append(arguments)
            return "\(100 + list.count)"
        }
        guard let path = arguments.last, let script = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .commandFailed(command: "sbatch", status: 1, message: "no script")
        }
        if let line = script.split(separator: "\n").first(where: { $0.hasPrefix("#SBATCH --array=0-") }) {
            let last = Int(line.dropFirst("#SBATCH --array=0-".count).prefix { $0.isNumber }) ?? 0
            arrayTasks.withLock { $0.append(last + 1) }
            for task in 0...last { Self.bash(path, task: task) }
        } else {
            Self.bash(path, task: nil)
        }
        return id
    }

    func anyQueued(_ jobs: [String]) throws(SlurmError) -> Bool { false }

    func cancel(_ job: String) {}

    static func bash(_ path: String, task: Int?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [path]
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_ARRAY_TASK_ID"] = task.map(String.init)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
    }
}
