/// Solver-time position of a body's centre of mass (`b2Position`).
struct Position {
    var c: Vec2
    var a: Float
}

/// Solver-time velocity of a body (`b2Velocity`).
struct Velocity {
    var v: Vec2
    var w: Float
}

/// Step parameters shared by every constraint (`b2TimeStep`).
struct TimeStep {
    var dt: Float
    var invDt: Float
    var dtRatio: Float
    var velocityIterations: Int
    var positionIterations: Int
    var warmStarting: Bool
}
