/// The velocity iterations of up to `laneCount` islands with the same shape, one lane
/// per island: gathered from the islands after their `beginSolve`, iterated, and given
/// back before their `finishSolve`.
///
/// Islands have the same shape when they have as many bodies, the same joints between
/// the same island indices in the same order, and the same contacts (island indices and
/// point counts) in the same order (`hasSameShape`): then one instruction stream is every
/// island's solver order. Lanes beyond the islands given repeat the last island, and
/// their results are dropped. Storage is kept between batches, so solving allocates only
/// when a batch brings a larger island than any before.
final class LaneIsland {
    private var velocities = ContiguousArray<LaneVelocity>()
    private var joints = ContiguousArray<LaneRevoluteJoint>()
    private var contacts = ContiguousArray<LaneContactConstraint>()

    /// Whether `a` and `b` can share lanes.
    static func hasSameShape(_ a: Island, _ b: Island) -> Bool {
        guard a.bodies.count == b.bodies.count, a.joints.count == b.joints.count,
              a.contactSolver.velocityConstraints.count == b.contactSolver.velocityConstraints.count
        else { return false }
        for (ja, jb) in zip(a.joints, b.joints) where ja.indexA != jb.indexA || ja.indexB != jb.indexB { return false }
        for (ca, cb) in zip(a.contactSolver.velocityConstraints, b.contactSolver.velocityConstraints)
        where ca.indexA != cb.indexA || ca.indexB != cb.indexB || ca.pointCount != cb.pointCount {
            return false
        }
        return true
    }

    /// Runs `iterations` velocity iterations of `islands` (1 to `laneCount` islands of
    /// the same shape, each after `beginSolve`), leaving each island's velocities, joint
    /// impulses and contact impulses as its own `solveVelocityIterations` would.
    func solveVelocityIterations(_ iterations: Int, _ islands: ArraySlice<Island>) {
        precondition(!islands.isEmpty && islands.count <= laneCount, "1 to \(laneCount) islands per lane batch")
        gather(islands)
        let jointCount = joints.count, contactCount = contacts.count
        velocities.withUnsafeMutableBufferPointer { vel in
            joints.withUnsafeMutableBufferPointer { js in
                contacts.withUnsafeMutableBufferPointer { cs in
                    // Index loops, as in the scalar solver: a debug build would otherwise
                    // build iterators in each of the iterations.
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
                        k = 0
                        while k < contactCount {
                            let a = cs[k].indexA, b = cs[k].indexB
                            var bodyA = vel[a], bodyB = vel[b]
                            cs[k].solve(&bodyA.v, &bodyA.w, &bodyB.v, &bodyB.w)
                            vel[a] = bodyA
                            vel[b] = bodyB
                            k += 1
                        }
                    }
                }
            }
        }
        scatter(islands)
    }

    private func gather(_ islands: ArraySlice<Island>) {
        let first = islands[islands.startIndex]
        velocities.removeAll(keepingCapacity: true)
        joints.removeAll(keepingCapacity: true)
        contacts.removeAll(keepingCapacity: true)
        let zero = LaneVec2(Lanes(), Lanes())
        for _ in first.bodies { velocities.append(LaneVelocity(v: zero, w: Lanes())) }
        for j in first.joints { joints.append(LaneRevoluteJoint(indexA: j.indexA, indexB: j.indexB)) }
        for vc in first.contactSolver.velocityConstraints {
            contacts.append(LaneContactConstraint(indexA: vc.indexA, indexB: vc.indexB, pointCount: vc.pointCount))
        }
        for l in 0..<laneCount {
            let island = islands[islands.startIndex + min(l, islands.count - 1)]
            for (i, v) in island.velocities.enumerated() {
                velocities[i].v.x[l] = v.v.x
                velocities[i].v.y[l] = v.v.y
                velocities[i].w[l] = v.w
            }
            for (k, j) in island.joints.enumerated() { joints[k].load(lane: l, from: j) }
            for (k, vc) in island.contactSolver.velocityConstraints.enumerated() { contacts[k].load(lane: l, from: vc) }
        }
    }

    private func scatter(_ islands: ArraySlice<Island>) {
        for (l, island) in islands.enumerated() {
            island.velocities.withUnsafeMutableBufferPointer { vel in
                for i in 0..<vel.count {
                    vel[i] = Velocity(v: Vec2(velocities[i].v.x[l], velocities[i].v.y[l]), w: velocities[i].w[l])
                }
            }
            for (k, j) in island.joints.enumerated() { joints[k].store(lane: l, to: j) }
            island.contactSolver.velocityConstraints.withUnsafeMutableBufferPointer { vcs in
                for k in 0..<vcs.count { contacts[k].store(lane: l, to: &vcs[k]) }
            }
        }
    }
}
