/// Broad phase (`b2BroadPhase`): a dynamic AABB tree of fat boxes, a buffer of proxies
/// that moved this step, and the pairs of overlapping fat boxes handed to the contact
/// manager sorted by proxy id — the order that decides contact creation, and so solver
/// order. Steady-state updates allocate nothing.
struct BroadPhase {
    var tree = DynamicTree()
    /// Fixture of each proxy, indexed by proxy (node) id.
    var owners: [Fixture?] = []
    var moveBuffer: [Int] = []
    var pairBuffer: [(Int, Int)] = []

    init() {
        moveBuffer.reserveCapacity(64)
        pairBuffer.reserveCapacity(64)
    }

    /// The same broad phase in storage of its own, with each proxy's fixture replaced by
    /// `fixture(original)` (a world copy's fixtures). Pending moves and pairs are kept.
    func copy(mapping fixture: (Fixture) -> Fixture) -> BroadPhase {
        var copy = BroadPhase()
        copy.tree = tree.unsharedCopy()
        copy.owners.reserveCapacity(owners.capacity)
        for owner in owners { copy.owners.append(owner.map(fixture)) }
        copy.moveBuffer = moveBuffer.unsharedCopy()
        copy.pairBuffer = pairBuffer.unsharedCopy()
        return copy
    }

    mutating func createProxy(_ aabb: AABB, _ fixture: Fixture) -> Int {
        let id = tree.createProxy(aabb)
        while owners.count < tree.nodes.count { owners.append(nil) }
        owners[id] = fixture
        moveBuffer.append(id)
        return id
    }

    mutating func destroyProxy(_ id: Int) {
        for i in 0..<moveBuffer.count where moveBuffer[i] == id { moveBuffer[i] = DynamicTree.nullNode }
        tree.destroyProxy(id)
        owners[id] = nil
    }

    mutating func moveProxy(_ id: Int, _ aabb: AABB, _ displacement: Vec2) {
        if tree.moveProxy(id, aabb, displacement) { moveBuffer.append(id) }
    }

    @inline(__always) func testOverlap(_ a: Int, _ b: Int) -> Bool {
        tree.fatAABB(a).overlaps(tree.fatAABB(b))
    }

    /// Collects overlapping pairs of moved proxies, sorted by (idA, idB) without duplicates,
    /// and hands each to `addPair` (`b2BroadPhase::UpdatePairs`).
    mutating func updatePairs(_ addPair: (Fixture, Fixture) -> Void) {
        pairBuffer.removeAll(keepingCapacity: true)
        for i in 0..<moveBuffer.count {
            let q = moveBuffer[i]
            if q == DynamicTree.nullNode { continue }
            let fat = tree.fatAABB(q)
            tree.query(fat) { p in
                if p != q { pairBuffer.append((min(p, q), max(p, q))) }
            }
        }
        moveBuffer.removeAll(keepingCapacity: true)
        // Insertion sort: small buffers, in place, no allocation.
        if pairBuffer.count > 1 {
            for i in 1..<pairBuffer.count {
                let key = pairBuffer[i]
                var j = i - 1
                while j >= 0 && (pairBuffer[j].0 > key.0 || (pairBuffer[j].0 == key.0 && pairBuffer[j].1 > key.1)) {
                    pairBuffer[j + 1] = pairBuffer[j]
                    j -= 1
                }
                pairBuffer[j + 1] = key
            }
        }
        var i = 0
        while i < pairBuffer.count {
            let primary = pairBuffer[i]
            if let fa = owners[primary.0], let fb = owners[primary.1] { addPair(fa, fb) }
            i += 1
            while i < pairBuffer.count && pairBuffer[i] == primary { i += 1 }
        }
    }
}
