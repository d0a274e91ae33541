extension Array {
    /// The same elements in a buffer of their own with this array's capacity.
    ///
    /// Why: a plain copy of an array shares its buffer until one side writes, and that
    /// first write then allocates. Snapshots use this so that the allocation happens when
    /// the snapshot is taken or restored, never on the next step.
    package func unsharedCopy() -> [Element] {
        var copy: [Element] = []
        copy.reserveCapacity(capacity)
        copy.append(contentsOf: self)
        return copy
    }
}
