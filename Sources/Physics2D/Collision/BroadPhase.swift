/// Broad phase: fat AABBs per fixture and the pairs whose fat boxes overlap
/// (`b2BroadPhase`). Box2D uses a dynamic AABB tree; the pairs it reports are sorted by
/// proxy id before contacts are created, so the *set* of overlapping fat boxes and the
/// proxy-id order are all that decide contact creation order. Proxy ids here are handed
/// out in creation order, as the tree's node allocator does while no proxy is destroyed,
/// and pairs are found by testing every moved proxy against all others — exact for the
/// few dozen proxies of the Box2D environments, and allocation-free in steady state.
struct BroadPhase {
    struct Proxy {
        var fatAABB: AABB
        let fixture: Fixture
    }

    var proxies: [Proxy] = []
    var moveBuffer: [Int] = []
    var pairBuffer: [(Int, Int)] = []

    init() {
        moveBuffer.reserveCapacity(64)
        pairBuffer.reserveCapacity(64)
    }

    /// Adds a proxy with a box fattened by `aabbExtension`, and marks it moved.
    mutating func createProxy(_ aabb: AABB, _ fixture: Fixture) -> Int {
        let r = Vec2(aabbExtension, aabbExtension)
        let fat = AABB(lowerBound: aabb.lowerBound - r, upperBound: aabb.upperBound + r)
        proxies.append(Proxy(fatAABB: fat, fixture: fixture))
        let id = proxies.count - 1
        moveBuffer.append(id)
        return id
    }

    /// Re-fattens a proxy whose box left its fat box, predicting the motion
    /// (`b2DynamicTree::MoveProxy`), and marks it moved.
    mutating func moveProxy(_ id: Int, _ aabb: AABB, _ displacement: Vec2) {
        if proxies[id].fatAABB.contains(aabb) { return }
        let r = Vec2(aabbExtension, aabbExtension)
        var b = AABB(lowerBound: aabb.lowerBound - r, upperBound: aabb.upperBound + r)
        let d = aabbMultiplier * displacement
        if d.x < 0 { b.lowerBound.x += d.x } else { b.upperBound.x += d.x }
        if d.y < 0 { b.lowerBound.y += d.y } else { b.upperBound.y += d.y }
        proxies[id].fatAABB = b
        moveBuffer.append(id)
    }

    @inline(__always) func testOverlap(_ a: Int, _ b: Int) -> Bool {
        proxies[a].fatAABB.overlaps(proxies[b].fatAABB)
    }

    /// Collects overlapping pairs of moved proxies, sorted by (idA, idB) without duplicates,
    /// and hands each to `addPair` (`b2BroadPhase::UpdatePairs`).
    mutating func updatePairs(_ addPair: (Fixture, Fixture) -> Void) {
        pairBuffer.removeAll(keepingCapacity: true)
        for q in moveBuffer {
            let fat = proxies[q].fatAABB
            for p in 0..<proxies.count where p != q {
                if proxies[p].fatAABB.overlaps(fat) {
                    pairBuffer.append((min(p, q), max(p, q)))
                }
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
            addPair(proxies[primary.0].fixture, proxies[primary.1].fixture)
            i += 1
            while i < pairBuffer.count && pairBuffer[i] == primary { i += 1 }
        }
    }
}
