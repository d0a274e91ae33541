/// A connected group of awake bodies, with the touching contacts and joints between them,
/// solved together (`b2Island`). One instance is reused for every island of every step.
final class Island {
    @exclusivity(unchecked) var bodies: [Body] = []
    @exclusivity(unchecked) var contacts: [Contact] = []
    @exclusivity(unchecked) var joints: [RevoluteJoint] = []
    @exclusivity(unchecked) var positions = ContiguousArray<Position>()
    @exclusivity(unchecked) var velocities = ContiguousArray<Velocity>()
    let contactSolver = ContactSolver()

    init() {
        bodies.reserveCapacity(64)
        contacts.reserveCapacity(64)
        joints.reserveCapacity(16)
        positions.reserveCapacity(64)
        velocities.reserveCapacity(64)
    }

    /// Reserves the capacities `other` has grown to (a world copy's island), so that the
    /// copy's first steps allocate no more than the original's would.
    func reserve(like other: Island) {
        bodies.reserveCapacity(other.bodies.capacity)
        contacts.reserveCapacity(other.contacts.capacity)
        joints.reserveCapacity(other.joints.capacity)
        positions.reserveCapacity(other.positions.capacity)
        velocities.reserveCapacity(other.velocities.capacity)
        contactSolver.velocityConstraints.reserveCapacity(other.contactSolver.velocityConstraints.capacity)
        contactSolver.positionConstraints.reserveCapacity(other.contactSolver.positionConstraints.capacity)
    }

    func clear() {
        bodies.removeAll(keepingCapacity: true)
        contacts.removeAll(keepingCapacity: true)
        joints.removeAll(keepingCapacity: true)
    }

    func add(_ body: Body) {
        body.islandIndex = bodies.count
        bodies.append(body)
    }

    /// Solving an island (`b2Island::Solve`) is `beginSolve`, `solveVelocityIterations`,
    /// `finishSolve`. Why phases: `WorldBatch` runs the velocity iterations of several
    /// worlds' islands together, between the first and the last phase of each.
    ///
    /// The first phase: integrates velocities, sets up and warm-starts the contact
    /// constraints, initialises the joints.
    func beginSolve(_ step: TimeStep, gravity: Vec2) {
        let h = step.dt
        positions.removeAll(keepingCapacity: true)
        velocities.removeAll(keepingCapacity: true)
        for b in bodies {
            let c = b.sweep.c
            let a = b.sweep.a
            var v = b.linearVelocityStorage
            var w = b.angularVelocityStorage
            b.sweep.c0 = b.sweep.c
            b.sweep.a0 = b.sweep.a
            if b.type == .dynamicBody {
                v += h * (b.gravityScale * gravity + b.invMass * b.force)
                w += h * b.invI * b.torque
                v = min(max(1 - h * b.linearDamping, 0), 1) * v
                w *= min(max(1 - h * b.angularDamping, 0), 1)
            }
            positions.append(Position(c: c, a: a))
            velocities.append(Velocity(v: v, w: w))
        }

        let solver = contactSolver
        solver.setUp(step, contacts)
        positions.withUnsafeMutableBufferPointer { pos in
            velocities.withUnsafeMutableBufferPointer { vel in
                solver.initializeVelocityConstraints(pos, vel)
                if step.warmStarting { solver.warmStart(vel) }
                for j in joints { j.initVelocityConstraints(step, pos, vel) }
            }
        }
    }

    /// The last phase of solving an island: stores the impulses for warm
    /// starting, integrates positions, corrects them, writes the bodies back and decides
    /// about sleep.
    func finishSolve(_ step: TimeStep, allowSleep: Bool) {
        let h = step.dt
        let solver = contactSolver
        var positionSolved = false
        solver.storeImpulses()
        positions.withUnsafeMutableBufferPointer { pos in
            velocities.withUnsafeMutableBufferPointer { vel in
                for i in 0..<pos.count {
                    var c = pos[i].c
                    var a = pos[i].a
                    var v = vel[i].v
                    var w = vel[i].w
                    let translation = h * v
                    if translation.dot(translation) > maxTranslationSquared {
                        let ratio = maxTranslation / translation.length
                        v = ratio * v
                    }
                    let rotation = h * w
                    if rotation * rotation > maxRotationSquared {
                        let ratio = maxRotation / abs(rotation)
                        w *= ratio
                    }
                    c += h * v
                    a += h * w
                    pos[i] = Position(c: c, a: a)
                    vel[i] = Velocity(v: v, w: w)
                }

                for _ in 0..<step.positionIterations {
                    let contactsOkay = solver.solvePositionConstraints(pos)
                    var jointsOkay = true
                    for j in joints {
                        let ok = j.solvePositionConstraints(pos)
                        jointsOkay = jointsOkay && ok
                    }
                    if contactsOkay && jointsOkay {
                        positionSolved = true
                        break
                    }
                }
            }
        }

        solver.contacts = []
        for (i, body) in bodies.enumerated() {
            body.sweep.c = positions[i].c
            body.sweep.a = positions[i].a
            body.linearVelocityStorage = velocities[i].v
            body.angularVelocityStorage = velocities[i].w
            body.synchronizeTransform()
        }

        if allowSleep {
            var minSleepTime = Float.greatestFiniteMagnitude
            let linTolSqr = linearSleepTolerance * linearSleepTolerance
            let angTolSqr = angularSleepTolerance * angularSleepTolerance
            for b in bodies where b.type != .staticBody {
                if !b.autoSleep || b.angularVelocityStorage * b.angularVelocityStorage > angTolSqr
                    || b.linearVelocityStorage.dot(b.linearVelocityStorage) > linTolSqr {
                    b.sleepTime = 0
                    minSleepTime = 0
                } else {
                    b.sleepTime += h
                    minSleepTime = min(minSleepTime, b.sleepTime)
                }
            }
            if minSleepTime >= timeToSleep && positionSolved {
                for b in bodies { b.setAwake(false) }
            }
        }
    }

    /// The velocity iterations: every joint, then every contact, `iterations` times.
    ///
    /// When every joint hangs from one body (the lander's hull and its legs), that body's
    /// velocity stays in registers across the joints, and across whole iterations when no
    /// contact touches it, instead of a store and a reload through `velocities` between
    /// consecutive joints: those round trips lay on the iterations' critical path. Values
    /// and the order of every operation are unchanged.
    func solveVelocityIterations(_ iterations: Int) {
        velocities.withUnsafeMutableBufferPointer { vel in solveVelocityIterations(iterations, vel) }
    }

    @inline(__always)
    private func solveVelocityIterations(_ iterations: Int, _ vel: UnsafeMutableBufferPointer<Velocity>) {
        let solver = contactSolver
        let hasContacts = !solver.velocityConstraints.isEmpty
        var hub = joints.isEmpty ? -1 : joints[0].indexA
        for j in joints where j.indexA != hub || j.indexB == hub { hub = -1 }
        guard hub >= 0 else {
            for _ in 0..<iterations {
                for j in joints { j.solveVelocityConstraints(vel) }
                if hasContacts { solver.solveVelocityConstraints(vel) }
            }
            return
        }
        var hubInContacts = false
        for vc in solver.velocityConstraints where vc.indexA == hub || vc.indexB == hub { hubInContacts = true }
        var vA = vel[hub].v, wA = vel[hub].w
        // Index loops, not `for j in joints`: the same work, but a debug build (no
        // optimiser) would build and zero an iterator for each of the 180 iterations.
        let jointCount = joints.count
        for _ in 0..<iterations {
            var k = 0
            while k < jointCount {
                let j = joints[k]
                let indexB = j.indexB
                var vB = vel[indexB].v, wB = vel[indexB].w
                j.solveVelocity(&vA, &wA, &vB, &wB)
                vel[indexB] = Velocity(v: vB, w: wB)
                k += 1
            }
            if hasContacts {
                if hubInContacts {
                    vel[hub] = Velocity(v: vA, w: wA)
                    solver.solveVelocityConstraints(vel)
                    vA = vel[hub].v
                    wA = vel[hub].w
                } else {
                    solver.solveVelocityConstraints(vel)
                }
            }
        }
        vel[hub] = Velocity(v: vA, w: wA)
    }

    /// Solves a TOI sub-step: position correction of the two TOI bodies, then velocities
    /// and integration of the whole mini-island (`b2Island::SolveTOI`).
    func solveTOI(_ subStep: TimeStep, toiIndexA: Int, toiIndexB: Int) {
        positions.removeAll(keepingCapacity: true)
        velocities.removeAll(keepingCapacity: true)
        for b in bodies {
            positions.append(Position(c: b.sweep.c, a: b.sweep.a))
            velocities.append(Velocity(v: b.linearVelocityStorage, w: b.angularVelocityStorage))
        }
        let solver = contactSolver
        solver.setUp(subStep, contacts)
        let h = subStep.dt
        positions.withUnsafeMutableBufferPointer { pos in
            velocities.withUnsafeMutableBufferPointer { vel in
                for _ in 0..<subStep.positionIterations {
                    if solver.solvePositionConstraints(pos, toiIndexA: toiIndexA, toiIndexB: toiIndexB, toi: true) { break }
                }
                bodies[toiIndexA].sweep.c0 = pos[toiIndexA].c
                bodies[toiIndexA].sweep.a0 = pos[toiIndexA].a
                bodies[toiIndexB].sweep.c0 = pos[toiIndexB].c
                bodies[toiIndexB].sweep.a0 = pos[toiIndexB].a

                solver.initializeVelocityConstraints(pos, vel)
                for _ in 0..<subStep.velocityIterations { solver.solveVelocityConstraints(vel) }

                for i in 0..<pos.count {
                    var c = pos[i].c
                    var a = pos[i].a
                    var v = vel[i].v
                    var w = vel[i].w
                    let translation = h * v
                    if translation.dot(translation) > maxTranslationSquared {
                        let ratio = maxTranslation / translation.length
                        v = ratio * v
                    }
                    let rotation = h * w
                    if rotation * rotation > maxRotationSquared {
                        let ratio = maxRotation / abs(rotation)
                        w *= ratio
                    }
                    c += h * v
                    a += h * w
                    pos[i] = Position(c: c, a: a)
                    vel[i] = Velocity(v: v, w: w)
                    let body = bodies[i]
                    body.sweep.c = c
                    body.sweep.a = a
                    body.linearVelocityStorage = v
                    body.angularVelocityStorage = w
                    body.synchronizeTransform()
                }
            }
        }
        solver.contacts = []
    }
}
