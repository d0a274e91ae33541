/// The velocity iterations of up to `laneCount` islands, one lane per island: gathered
/// from the islands after their `beginSolve`, iterated, and given back before their
/// `finishSolve`.
///
/// Islands share lanes when they have the same joints between the same island indices
/// in the same order. Their contacts are laid out in slots: each island's contacts keep
/// their order, and a slot holds, in each lane, a contact between the same two island
/// indices with the same point count, or nothing (`LaneContactConstraint.active`). Every
/// lane thus runs its own island's solver order, bit for bit, while islands whose landers
/// touch the ground at different places share lanes with those still in flight.
///
/// Lanes beyond the islands given repeat the last island, and their results are dropped.
/// Storage is kept between batches, so solving allocates only when a batch brings a
/// larger island than any before.
final class LaneIsland {
    /// At most this many contact slots: a slot costs every lane its solve.
    static let maxSlots = 8

    /// Where two islands' contacts may share a slot: the same bodies and point count.
    private struct SlotKey: Equatable {
        let indexA: Int, indexB: Int, pointCount: Int
        init(_ vc: ContactVelocityConstraint) {
            indexA = vc.indexA
            indexB = vc.indexB
            pointCount = vc.pointCount
        }
    }

    /// The islands of the batch being assembled, in lane order.
    @exclusivity(unchecked) private var islands: [Island] = []
    @exclusivity(unchecked) private var slots: [SlotKey] = []
    /// The slot of contact `k` of lane `l`'s island, at `l * maxSlots + k`.
    @exclusivity(unchecked) private var slotOfContact: [Int]
    @exclusivity(unchecked) private var velocities = ContiguousArray<LaneVelocity>()
    @exclusivity(unchecked) private var joints = ContiguousArray<LaneRevoluteJoint>()
    @exclusivity(unchecked) private var contacts = ContiguousArray<LaneContactConstraint>()

    init() {
        islands.reserveCapacity(laneCount)
        slots.reserveCapacity(Self.maxSlots)
        slotOfContact = [Int](repeating: 0, count: laneCount * Self.maxSlots)
    }

    /// The number of islands in the batch being assembled.
    var count: Int { islands.count }

    /// Starts a new batch (the previous one must have been solved or abandoned).
    func clear() {
        islands.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
    }

    /// Adds `island` (after its `beginSolve`) to the batch when it fits: a free lane, the
    /// batch's joints, and room for its contacts in at most `maxSlots` slots.
    func add(_ island: Island) -> Bool {
        guard islands.count < laneCount else { return false }
        if let first = islands.first {
            guard first.joints.count == island.joints.count else { return false }
            for (a, b) in zip(first.joints, island.joints) where a.indexA != b.indexA || a.indexB != b.indexB {
                return false
            }
        }
        let vcs = island.contactSolver.velocityConstraints
        // Greedy: each contact takes the first matching slot after its predecessor's, or
        // a new slot right after it. Counting the new slots first leaves the layout as it
        // was when the island does not fit.
        var position = -1, newSlots = 0
        for vc in vcs {
            if let s = slot(for: SlotKey(vc), after: position) { position = s } else { newSlots += 1 }
        }
        guard slots.count + newSlots <= Self.maxSlots else { return false }
        let lane = islands.count
        position = -1
        for (k, vc) in vcs.enumerated() {
            let key = SlotKey(vc)
            if let s = slot(for: key, after: position) {
                position = s
            } else {
                position += 1
                slots.insert(key, at: position)
                for i in 0..<(lane * Self.maxSlots) where slotOfContact[i] >= position { slotOfContact[i] += 1 }
            }
            slotOfContact[lane * Self.maxSlots + k] = position
        }
        islands.append(island)
        return true
    }

    private func slot(for key: SlotKey, after position: Int) -> Int? {
        var s = position + 1
        while s < slots.count {
            if slots[s] == key { return s }
            s += 1
        }
        return nil
    }

    /// Runs `iterations` velocity iterations of the batch's islands, leaving each
    /// island's velocities, joint impulses and contact impulses as its own
    /// `solveVelocityIterations` would, and empties the batch.
    ///
    /// As in the scalar solver, when every joint hangs from one body (the lander's hull)
    /// that body's velocity stays in registers across the joints, and across iterations
    /// when no contact touches it: a store and a reload between consecutive joints would
    /// lie on the iterations' critical path.
    func solveVelocityIterations(_ iterations: Int) {
        precondition(!islands.isEmpty, "a lane batch needs an island")
        gather()
        let jointCount = joints.count, contactCount = contacts.count
        var hub = joints.isEmpty ? -1 : joints[0].indexA
        for j in joints where j.indexA != hub || j.indexB == hub { hub = -1 }
        var hubInContacts = false
        for c in contacts where c.indexA == hub || c.indexB == hub { hubInContacts = true }
        velocities.withUnsafeMutableBufferPointer { vel in
            joints.withUnsafeMutableBufferPointer { js in
                contacts.withUnsafeMutableBufferPointer { cs in
                    // Index loops, as in the scalar solver: a debug build would otherwise
                    // build iterators in each of the iterations.
                    @inline(__always) func solveContacts() {
                        var k = 0
                        while k < contactCount {
                            let a = cs[k].indexA, b = cs[k].indexB
                            var bodyA = vel[a], bodyB = vel[b]
                            cs[k].solve(&bodyA.v, &bodyA.w, &bodyB.v, &bodyB.w)
                            vel[a] = bodyA
                            vel[b] = bodyB
                            k += 1
                        }
                    }
                    guard hub >= 0 else {
                        for _ in 0..<iterations {
                            var k = 0
                            while k < jointCount {
                                let a = js[k].indexA, b = js[k].indexB
                                var bodyA = vel[a], bodyB = vel[b]
                                js[k].solve(&bodyA.v, &bodyA.w, &bodyB.v, &bodyB.w)
                                vel[a] = bodyA
                                vel[b] = bodyB
                                k += 1
                            }
                            solveContacts()
                        }
                        return
                    }
                    var hubVelocity = vel[hub]
                    for _ in 0..<iterations {
                        var k = 0
                        while k < jointCount {
                            let b = js[k].indexB
                            var bodyB = vel[b]
                            js[k].solve(&hubVelocity.v, &hubVelocity.w, &bodyB.v, &bodyB.w)
                            vel[b] = bodyB
                            k += 1
                        }
                        if hubInContacts {
                            vel[hub] = hubVelocity
                            solveContacts()
                            hubVelocity = vel[hub]
                        } else {
                            solveContacts()
                        }
                    }
                    vel[hub] = hubVelocity
                }
            }
        }
        scatter()
        clear()
    }

    private func gather() {
        velocities.removeAll(keepingCapacity: true)
        joints.removeAll(keepingCapacity: true)
        contacts.removeAll(keepingCapacity: true)
        let zero = LaneVec2(Lanes(), Lanes())
        let bodyCount = islands.reduce(0) { max($0, $1.bodies.count) }
        for _ in 0..<bodyCount { velocities.append(LaneVelocity(v: zero, w: Lanes())) }
        for j in islands[0].joints { joints.append(LaneRevoluteJoint(indexA: j.indexA, indexB: j.indexB)) }
        for key in slots { contacts.append(LaneContactConstraint(indexA: key.indexA, indexB: key.indexB, pointCount: key.pointCount)) }
        for l in 0..<laneCount {
            let source = min(l, islands.count - 1)
            let island = islands[source]
            for (i, v) in island.velocities.enumerated() {
                velocities[i].v.x[l] = v.v.x
                velocities[i].v.y[l] = v.v.y
                velocities[i].w[l] = v.w
            }
            for (k, j) in island.joints.enumerated() { joints[k].load(lane: l, from: j) }
            for (k, vc) in island.contactSolver.velocityConstraints.enumerated() {
                contacts[slotOfContact[source * Self.maxSlots + k]].load(lane: l, from: vc)
            }
        }
        for k in contacts.indices { contacts[k].allActive = contacts[k].activeLanes == laneCount }
    }

    private func scatter() {
        for (l, island) in islands.enumerated() {
            island.velocities.withUnsafeMutableBufferPointer { vel in
                for i in 0..<vel.count {
                    vel[i] = Velocity(v: Vec2(velocities[i].v.x[l], velocities[i].v.y[l]), w: velocities[i].w[l])
                }
            }
            for (k, j) in island.joints.enumerated() { joints[k].store(lane: l, to: j) }
            island.contactSolver.velocityConstraints.withUnsafeMutableBufferPointer { vcs in
                for k in 0..<vcs.count { contacts[slotOfContact[l * Self.maxSlots + k]].store(lane: l, to: &vcs[k]) }
            }
        }
    }
}
