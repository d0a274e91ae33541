#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Counts heap allocations inside a window of code, exactly, with glibc's `mtrace`.
///
/// glibc 2.34 removed `__malloc_hook`, and `mallinfo2()` only reports bytes in use (an
/// allocation freed inside the window leaves no trace), so neither is a sound counter.
/// glibc still ships `mtrace` in `libc_malloc_debug.so`: with that library preloaded and
/// `MALLOC_TRACE` naming a file, `mtrace()` logs every `malloc`, `calloc`, `realloc`,
/// `memalign` and `free` of every thread (Swift runtime, Foundation, C libraries alike)
/// until `muntrace()`. `count(_:)` wraps the window in that pair and counts the
/// allocation records (`+` and the `>` half of a `realloc`). Because the library must be
/// preloaded, the benchmark runs the counting pass in a child process
/// (`runTracedChild`); in a process without it, `count` returns `nil`.
public enum AllocationTrace {
    /// Where Debian/Ubuntu-style glibc installs the malloc debugging library.
    public static let libraryCandidates = [
        "/lib/x86_64-linux-gnu/libc_malloc_debug.so.0", "/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0",
        "/lib/aarch64-linux-gnu/libc_malloc_debug.so.0", "/usr/lib64/libc_malloc_debug.so.0", "/lib64/libc_malloc_debug.so.0",
    ]

    /// The malloc debugging library on this machine, if any.
    public static var library: String? {
        libraryCandidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The number of heap allocations `body` made, or `nil` when tracing is unavailable
    /// (library not preloaded or `MALLOC_TRACE` unset).
    public static func count(_ body: () throws -> Void) rethrows -> Int? {
        #if canImport(Glibc)
        // `mtrace`/`muntrace` of the preloaded library are compatibility symbols
        // (version GLIBC_2.2.5, not default), which only `dlvsym` finds; `dlvsym` itself
        // is a GNU extension Swift does not import, so it is looked up first.
        typealias VersionedLookup = @convention(c) (
            UnsafeMutableRawPointer?, UnsafePointer<CChar>, UnsafePointer<CChar>
        ) -> UnsafeMutableRawPointer?
        typealias Hook = @convention(c) () -> Void
        guard let tracePath = ProcessInfo.processInfo.environment["MALLOC_TRACE"],
              let library,
              let handle = dlopen(library, RTLD_NOW | RTLD_NOLOAD),  // only if already (pre)loaded
              let lookupSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "dlvsym")
        else { return nil }
        let dlvsym = unsafeBitCast(lookupSymbol, to: VersionedLookup.self)
        guard let start = dlvsym(handle, "mtrace", "GLIBC_2.2.5"),
              let stop = dlvsym(handle, "muntrace", "GLIBC_2.2.5")
        else { return nil }
        let mtrace = unsafeBitCast(start, to: Hook.self)
        let muntrace = unsafeBitCast(stop, to: Hook.self)
        mtrace()
        try body()
        muntrace()
        guard let text = try? String(contentsOfFile: tracePath, encoding: .utf8), text.hasPrefix("= Start") else {
            return nil  // the libc stub ran: the debugging library is not preloaded
        }
        return allocationRecords(in: text)
        #else
        return nil
        #endif
    }

    /// A self-check of the counter: the count of a window that makes exactly `n` heap
    /// allocations (expected: `n`).
    public static func calibrate(allocations n: Int = 10) -> Int? {
        let slots = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: n)
        slots.initialize(repeating: nil, count: n)
        defer {
            for k in 0..<n { slots[k]?.deallocate() }
            slots.deallocate()
        }
        return count {
            for k in 0..<n { slots[k] = UnsafeMutableRawPointer.allocate(byteCount: 64 + k, alignment: 8) }
        }
    }

    /// Counts allocation records in an mtrace log: lines `@ caller + ptr size` and the
    /// `> ptr size` half of a realloc.
    static func allocationRecords(in log: String) -> Int {
        var allocations = 0
        for line in log.split(separator: "\n") where line.hasPrefix("@") {
            let fields = line.split(separator: " ")
            if let op = fields.first(where: { $0 == "+" || $0 == "-" || $0 == "<" || $0 == ">" }), op == "+" || op == ">" {
                allocations += 1
            }
        }
        return allocations
    }

    /// Runs this executable again with `arguments`, the malloc debugging library
    /// preloaded and a fresh trace file, and returns its standard output.
    public static func runTracedChild(arguments: [String]) throws -> Data {
        guard let library else {
            throw EnvError.invalidArgument("libc_malloc_debug.so.0 not found: cannot count allocations")
        }
        let traceFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("zoo-mtrace-\(ProcessInfo.processInfo.processIdentifier).log")
        defer { try? FileManager.default.removeItem(at: traceFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = library
        environment["MALLOC_TRACE"] = traceFile.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw EnvError.invalidArgument("the allocation-counting child process failed (status \(process.terminationStatus))")
        }
        return data
    }
}
