extension World {
    /// Continuous collision (`b2World::SolveTOI`): finds the earliest time of impact among
    /// contacts of fast dynamic bodies against static ones (or bullets), moves the pair
    /// there, solves a small island for the rest of the step, and repeats.
    func solveTOI(_ step: TimeStep) {
        let toiIsland = island
        if stepComplete {
            for b in bodies {
                b.islandFlag = false
                b.sweep.alpha0 = 0
            }
            for c in contacts {
                c.toiFlag = false
                c.islandFlag = false
                c.toiCount = 0
                c.toi = 1
            }
        }

        while true {
            var minContact: Contact? = nil
            var minAlpha: Float = 1
            for c in contacts.reversed() {
                if !c.enabledFlag { continue }
                if c.toiCount > maxSubSteps { continue }
                var alpha: Float = 1
                if c.toiFlag {
                    alpha = c.toi
                } else {
                    let fA = c.fixtureA, fB = c.fixtureB
                    if fA.isSensor || fB.isSensor { continue }
                    let bA = fA.body, bB = fB.body
                    let typeA = bA.type, typeB = bB.type
                    let activeA = bA.awakeFlag && typeA != .staticBody
                    let activeB = bB.awakeFlag && typeB != .staticBody
                    if !activeA && !activeB { continue }
                    let collideA = bA.bullet || typeA != .dynamicBody
                    let collideB = bB.bullet || typeB != .dynamicBody
                    if !collideA && !collideB { continue }
                    var alpha0 = bA.sweep.alpha0
                    if bA.sweep.alpha0 < bB.sweep.alpha0 {
                        alpha0 = bB.sweep.alpha0
                        bA.sweep.advance(to: alpha0)
                    } else if bB.sweep.alpha0 < bA.sweep.alpha0 {
                        alpha0 = bA.sweep.alpha0
                        bB.sweep.advance(to: alpha0)
                    }
                    let output = timeOfImpact(DistanceProxy(fA.shape), bA.sweep, DistanceProxy(fB.shape), bB.sweep, tMax: 1)
                    let beta = output.t
                    if output.state == .touching {
                        alpha = min(alpha0 + (1 - alpha0) * beta, 1)
                    } else {
                        alpha = 1
                    }
                    c.toi = alpha
                    c.toiFlag = true
                }
                if alpha < minAlpha {
                    minContact = c
                    minAlpha = alpha
                }
            }

            guard let minC = minContact, !(1 - 10 * floatEpsilon < minAlpha) else {
                stepComplete = true
                break
            }

            let bA = minC.fixtureA.body, bB = minC.fixtureB.body
            let backup1 = bA.sweep, backup2 = bB.sweep
            bA.advance(minAlpha)
            bB.advance(minAlpha)
            minC.update(&contactEvents)
            minC.toiFlag = false
            minC.toiCount += 1
            if !minC.enabledFlag || !minC.touchingFlag {
                minC.enabledFlag = false
                bA.sweep = backup1
                bB.sweep = backup2
                bA.synchronizeTransform()
                bB.synchronizeTransform()
                continue
            }
            bA.setAwake(true)
            bB.setAwake(true)

            toiIsland.clear()
            toiIsland.add(bA)
            toiIsland.add(bB)
            toiIsland.contacts.append(minC)
            bA.islandFlag = true
            bB.islandFlag = true
            minC.islandFlag = true

            for k in 0..<2 {
                let body = k == 0 ? bA : bB
                if body.type != .dynamicBody { continue }
                for ce in body.contactEdges.reversed() {
                    if toiIsland.bodies.count == 2 * maxTOIContacts { break }
                    if toiIsland.contacts.count == maxTOIContacts { break }
                    let contact = ce.contact
                    if contact.islandFlag { continue }
                    let other = ce.other
                    if other.type == .dynamicBody && !body.bullet && !other.bullet { continue }
                    if contact.fixtureA.isSensor || contact.fixtureB.isSensor { continue }
                    let backup = other.sweep
                    if !other.islandFlag { other.advance(minAlpha) }
                    contact.update(&contactEvents)
                    if !contact.enabledFlag || !contact.touchingFlag {
                        other.sweep = backup
                        other.synchronizeTransform()
                        continue
                    }
                    contact.islandFlag = true
                    toiIsland.contacts.append(contact)
                    if other.islandFlag { continue }
                    other.islandFlag = true
                    if other.type != .staticBody { other.setAwake(true) }
                    toiIsland.add(other)
                }
            }

            let dt = (1 - minAlpha) * step.dt
            let subStep = TimeStep(dt: dt, invDt: 1 / dt, dtRatio: 1, velocityIterations: step.velocityIterations,
                                   positionIterations: 20, warmStarting: false)
            toiIsland.solveTOI(subStep, toiIndexA: bA.islandIndex, toiIndexB: bB.islandIndex)

            for body in toiIsland.bodies {
                body.islandFlag = false
                if body.type != .dynamicBody { continue }
                synchronizeFixtures(body)
                for ce in body.contactEdges {
                    ce.contact.toiFlag = false
                    ce.contact.islandFlag = false
                }
            }
            findNewContacts()
            if subStepping {
                stepComplete = false
                break
            }
        }
    }
}
