/// `World.step` in two phases around the velocity iterations of the world's last island.
///
/// Why phases: the velocity iterations are most of a step's time, and they are a long
/// chain of dependent operations. `WorldBatch` runs `beginStep` for several worlds, then
/// the pending velocity iterations of all of them together (in SIMD lanes where their
/// islands have the same structure), then `finishStep` for each. `step` runs the same
/// phases for one world, so both paths execute the same code in the same order.
extension World {
    /// Everything `step` does before the velocity iterations of the world's last island
    /// (`b2World::Step` up to that point): contacts found and updated, every earlier island
    /// solved, the last island built, integrated and its constraints initialised.
    /// Returns whether that island's velocity iterations are pending, in which case
    /// `finishStep()` must follow them; otherwise the step is complete.
    func beginStep(_ dt: Float, velocityIterations: Int, positionIterations: Int) -> Bool {
        contactEvents.removeAll(keepingCapacity: true)
        if newFixture {
            findNewContacts()
            newFixture = false
        }
        let invDt: Float = dt > 0 ? 1 / dt : 0
        let step = TimeStep(dt: dt, invDt: invDt, dtRatio: invDt0 * dt,
                            velocityIterations: max(0, velocityIterations), positionIterations: max(0, positionIterations),
                            warmStarting: warmStarting)
        pendingStep = step
        collide()
        if stepComplete && step.dt > 0 && beginSolve(step) { return true }
        endStep(step)
        return false
    }

    /// The rest of the step after the pending velocity iterations: the island's position
    /// correction, write-back and sleep, broad-phase update, continuous collision.
    func finishStep() {
        let step = pendingStep
        island.finishSolve(step, allowSleep: allowSleep)
        releaseStaticBodies()
        synchronizeAndFindContacts()
        endStep(step)
    }

    /// Continuous collision, the time step kept for the next warm start, cleared forces.
    private func endStep(_ step: TimeStep) {
        if continuousPhysics && step.dt > 0 { solveTOI(step) }
        if step.dt > 0 { invDt0 = step.invDt }
        for b in bodies {
            b.force = .zero
            b.torque = 0
        }
    }

    // MARK: Islands

    /// Solves every island but the last (`b2World::Solve`), and begins the last one.
    /// Returns whether the last island's velocity iterations are pending; when the world
    /// has no island, finishes the solve phase and returns false.
    private func beginSolve(_ step: TimeStep) -> Bool {
        for b in bodies { b.islandFlag = false }
        for c in contacts { c.islandFlag = false }
        for j in joints { j.islandFlag = false }

        var cursor = bodies.count
        while let seed = nextSeed(&cursor) {
            buildIsland(from: seed)
            island.beginSolve(step, gravity: gravity)
            // Solving an island changes no flag that decides where the next one starts,
            // so whether this island is the last can be known before it is solved.
            var lookahead = cursor
            if nextSeed(&lookahead) == nil { return true }
            island.solveVelocityIterations(step.velocityIterations)
            island.finishSolve(step, allowSleep: allowSleep)
            releaseStaticBodies()
        }
        synchronizeAndFindContacts()
        return false
    }

    /// The next body, going down from `cursor` (bodies newest first), that starts an
    /// island: awake, not static, not yet in an island.
    private func nextSeed(_ cursor: inout Int) -> Body? {
        while cursor > 0 {
            cursor -= 1
            let b = bodies[cursor]
            if !b.islandFlag && b.awakeFlag && b.type != .staticBody { return b }
        }
        return nil
    }

    /// Fills `island` with the bodies reachable from `seed` through touching contacts and
    /// joints, depth first, not through static bodies.
    private func buildIsland(from seed: Body) {
        island.clear()
        stack.removeAll(keepingCapacity: true)
        stack.append(seed)
        seed.islandFlag = true
        while let b = stack.popLast() {
            island.add(b)
            b.setAwake(true)
            if b.type == .staticBody { continue }
            for ce in b.contactEdges.reversed() {
                let contact = ce.contact
                if contact.islandFlag { continue }
                if !contact.enabledFlag || !contact.touchingFlag { continue }
                if contact.fixtureA.isSensor || contact.fixtureB.isSensor { continue }
                island.contacts.append(contact)
                contact.islandFlag = true
                let other = ce.other
                if other.islandFlag { continue }
                stack.append(other)
                other.islandFlag = true
            }
            for je in b.jointEdges.reversed() {
                if je.joint.islandFlag { continue }
                let other = je.other
                island.joints.append(je.joint)
                je.joint.islandFlag = true
                if other.islandFlag { continue }
                stack.append(other)
                other.islandFlag = true
            }
        }
    }

    /// Lets static bodies of the island just solved join later islands too.
    private func releaseStaticBodies() {
        for b in island.bodies where b.type == .staticBody { b.islandFlag = false }
    }

    /// Moves the proxies of every body that was solved and pairs new overlaps.
    private func synchronizeAndFindContacts() {
        for b in bodies.reversed() where b.islandFlag && b.type != .staticBody {
            synchronizeFixtures(b)
        }
        findNewContacts()
    }
}
