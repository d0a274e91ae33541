/// The statistics of one finished episode: Gymnasium's `info["episode"] = {r, l, t}`.
public struct EpisodeStatistics: Sendable, Equatable {
    /// The undiscounted return.
    public var reward: Double
    /// The number of steps.
    public var length: Int
    /// Wall-clock seconds from the episode's start to its end, rounded to microseconds.
    public var time: Double

    public init(reward: Double, length: Int, time: Double) {
        self.reward = reward
        self.length = length
        self.time = time
    }
}

/// A first-in, first-out queue with a fixed capacity: Gymnasium's `deque(maxlen=n)`,
/// backing `return_queue`, `length_queue` and `time_queue`.
public struct BoundedQueue<Element: Sendable>: Sendable, Sequence {
    public let capacity: Int
    private var storage: [Element] = []
    private var head = 0

    public init(capacity: Int) {
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    public var count: Int { storage.count }

    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// The same queue in storage of its own (for snapshots: neither copy then copies on
    /// its next append).
    func unsharedCopy() -> BoundedQueue {
        var copy = self
        copy.storage = storage.unsharedCopy()
        return copy
    }

    /// The elements, oldest first.
    public var elements: [Element] { Array(storage[head...] + storage[..<head]) }

    public func makeIterator() -> IndexingIterator<[Element]> { elements.makeIterator() }
}

/// Monotonic seconds, as Python's `time.perf_counter()`.
package enum Clock {
    package static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
    }

    /// Rounded to 6 decimals, as Gymnasium rounds `t`.
    static func roundedSeconds(_ seconds: Double) -> Double {
        (seconds * 1e6).rounded() / 1e6
    }
}

import Dispatch
import ZooSupport
