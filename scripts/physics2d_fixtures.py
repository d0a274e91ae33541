#!/usr/bin/env python3
"""Parity fixtures for Physics2D, recorded with pybox2d (Box2D 2.3, as used by Gymnasium).

Run:  /work/venv/bin/python scripts/physics2d_fixtures.py
Writes JSON into Tests/Physics2DTests/Fixtures/. Every scene is described as data (bodies,
fixtures, joints, and per-step forces/impulses with their exact float32 values), so the
Swift tests rebuild exactly the same scene, then compare per-step states and contact events.
"""
import json
import math
import os

import numpy as np
import Box2D
from Box2D import (b2World, b2ContactListener, b2FixtureDef, b2PolygonShape, b2EdgeShape, b2CircleShape,
                   b2RevoluteJointDef, b2_staticBody, b2_dynamicBody, b2_kinematicBody)

GENERATOR = "scripts/physics2d_fixtures.py"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Physics2DTests", "Fixtures")


def f32(x):
    """The float32 value Box2D will see, as an exactly representable double."""
    return float(np.float32(x))


def v32(v):
    return [f32(v[0]), f32(v[1])]


def r9(x):
    return float("%.9g" % x)


class Recorder(b2ContactListener):
    def __init__(self):
        b2ContactListener.__init__(self)
        self.step = 0
        self.events = []

    def BeginContact(self, contact):
        self.events.append([self.step, "begin", contact.fixtureA.body.userData, contact.fixtureB.body.userData])

    def EndContact(self, contact):
        self.events.append([self.step, "end", contact.fixtureA.body.userData, contact.fixtureB.body.userData])


def create_body(world, i, bd):
    kind = {"dynamic": b2_dynamicBody, "kinematic": b2_kinematicBody}.get(bd["type"], b2_staticBody)
    body = world.CreateBody(type=kind, position=tuple(bd["position"]), angle=bd["angle"])
    body.userData = i
    if "linearVelocity" in bd:
        body.linearVelocity = tuple(bd["linearVelocity"])
        body.angularVelocity = bd["angularVelocity"]
    if "linearDamping" in bd:
        body.linearDamping = bd["linearDamping"]
        body.angularDamping = bd["angularDamping"]
        body.gravityScale = bd["gravityScale"]
    if bd.get("bullet", False):
        body.bullet = True
    for fd in bd["fixtures"]:
        if fd["shape"] == "box":
            if "center" in fd:
                shape = b2PolygonShape(box=(fd["hx"], fd["hy"], tuple(fd["center"]), fd["boxAngle"]))
            else:
                shape = b2PolygonShape(box=(fd["hx"], fd["hy"]))
        elif fd["shape"] == "polygon":
            shape = b2PolygonShape(vertices=[tuple(v) for v in fd["vertices"]])
        elif fd["shape"] == "circle":
            shape = b2CircleShape(radius=fd["radius"], pos=tuple(fd["center"]))
        else:
            shape = b2EdgeShape(vertices=[tuple(fd["v1"]), tuple(fd["v2"])])
        body.CreateFixture(b2FixtureDef(shape=shape, density=fd["density"], friction=fd["friction"],
                                        restitution=fd["restitution"], categoryBits=fd["category"],
                                        maskBits=fd["mask"], groupIndex=fd["group"], isSensor=fd.get("sensor", False)))
    return body


def build(scene):
    """Creates the pybox2d world for a scene description (inputs already float32-exact).
    Bodies with a positive "createAt" are created later, by `run`."""
    world = b2World(gravity=tuple(scene["gravity"]), doSleep=True)
    rec = Recorder()
    world.contactListener = rec
    bodies = []
    for i, bd in enumerate(scene["bodies"]):
        bodies.append(create_body(world, i, bd) if bd.get("createAt", 0) == 0 else None)
    for jd in scene["joints"]:
        rjd = b2RevoluteJointDef(bodyA=bodies[jd["bodyA"]], bodyB=bodies[jd["bodyB"]],
                                 localAnchorA=tuple(jd["localAnchorA"]), localAnchorB=tuple(jd["localAnchorB"]),
                                 enableMotor=jd["enableMotor"], enableLimit=jd["enableLimit"],
                                 maxMotorTorque=jd["maxMotorTorque"], motorSpeed=jd["motorSpeed"])
        rjd.lowerAngle = jd["lowerAngle"]
        rjd.upperAngle = jd["upperAngle"]
        rjd.referenceAngle = 0.0
        world.CreateJoint(rjd)
    return world, bodies, rec


def fixture(shape, density, friction=0.2, restitution=0.0, category=1, mask=0xFFFF, group=0, **kw):
    d = dict(shape=shape, density=f32(density), friction=f32(friction), restitution=f32(restitution),
             category=category, mask=mask, group=group)
    for k, v in kw.items():
        if k in ("hx", "hy", "boxAngle", "radius"):
            d[k] = f32(v)
        elif k in ("center", "v1", "v2"):
            d[k] = v32(v)
        elif k == "vertices":
            d[k] = [v32(p) for p in v]
    return d


def body(kind, position, angle, fixtures):
    return dict(type=kind, position=v32(position), angle=f32(angle), fixtures=fixtures)


def apply_action(bodies, a):
    b = bodies[a["body"]]
    if a["kind"] == "forceCenter":
        b.ApplyForceToCenter(tuple(a["value"]), True)
    elif a["kind"] == "force":
        b.ApplyForce(tuple(a["value"]), tuple(a["point"]), True)
    elif a["kind"] == "torque":
        b.ApplyTorque(a["value"][0], True)
    elif a["kind"] == "impulse":
        b.ApplyLinearImpulse(tuple(a["value"]), tuple(a["point"]), True)


def run(scene, steps, policy=None, stop_when_asleep=None, extra_after_sleep=5, record_every=1):
    """Steps the scene, applying scripted actions (or those `policy` computes from the live
    state), and records every dynamic body's state after each step."""
    world, bodies, rec = build(scene)
    if policy is not None:
        policy.rec = rec
    actions = list(scene.get("actions", []))
    dyn = [i for i, bd in enumerate(scene["bodies"]) if bd["type"] != "static"]
    states = []
    state_steps = []
    sleep_step = {}
    stop_at = None
    for k in range(steps):
        rec.step = k
        for op in scene.get("ops", []):
            if op["step"] == k and op["op"] == "destroy":
                world.DestroyBody(bodies[op["body"]])
                bodies[op["body"]] = None
        for i, bd in enumerate(scene["bodies"]):
            if bd.get("createAt", 0) == k and k > 0:
                bodies[i] = create_body(world, i, bd)
        if policy is not None:
            for a in policy(k, bodies):
                actions.append(a)
        for a in actions:
            if a["step"] == k:
                apply_action(bodies, a)
        rec.step = k
        world.Step(scene["dt"], scene["velocityIterations"], scene["positionIterations"])
        row = []
        for i in dyn:
            b = bodies[i]
            if b is None:
                row.append(None)
                continue
            row.append([r9(b.position.x), r9(b.position.y), r9(b.angle), r9(b.linearVelocity.x),
                        r9(b.linearVelocity.y), r9(b.angularVelocity), 1 if b.awake else 0])
            if not b.awake and str(i) not in sleep_step:
                sleep_step[str(i)] = k
        if record_every == 1 or (k + 1) % record_every == 0:
            states.append(row)
            state_steps.append(k)
        if stop_when_asleep is not None and stop_at is None and not bodies[stop_when_asleep].awake:
            stop_at = k + extra_after_sleep
        if stop_at is not None and k >= stop_at:
            break
    scene = dict(scene)
    scene["actions"] = actions
    scene["generator"] = GENERATOR
    scene["box2dVersion"] = Box2D.__version__
    scene["dynamicBodies"] = dyn
    scene["steps"] = k + 1
    scene["states"] = states
    if record_every != 1:
        scene["stateSteps"] = state_steps
    scene["events"] = rec.events
    scene["sleepStep"] = sleep_step
    return scene


def base(name, vi=6, pi=2):
    return dict(name=name, dt=f32(1.0 / 50.0), velocityIterations=vi, positionIterations=pi,
                gravity=[0.0, -10.0], bodies=[], joints=[], actions=[])


def scene_free_flight():
    s = base("free_flight")
    s["bodies"].append(body("dynamic", (1.0, 10.0), 0.3, [fixture("box", 2.0, hx=0.5, hy=0.25)]))

    def policy(k, bodies):
        b = bodies[0]
        if k == 0:
            return [dict(step=0, body=0, kind="forceCenter", value=v32((120.0, 340.0)))]
        if k == 5:
            p = b.GetWorldPoint((0.4, 0.1))
            return [dict(step=5, body=0, kind="impulse", value=v32((0.7, 1.9)), point=v32((p.x, p.y)))]
        if k == 12:
            return [dict(step=12, body=0, kind="torque", value=[f32(3.5), 0.0])]
        if k == 20:
            p = b.GetWorldPoint((-0.5, 0.2))
            return [dict(step=20, body=0, kind="force", value=v32((-40.0, 25.0)), point=v32((p.x, p.y)))]
        return []
    return run(s, 60, policy)


def terrain_edges(heights, width=20.0, friction=0.1):
    n = len(heights)
    xs = [width / (n - 1) * i for i in range(n)]
    return [fixture("edge", 0.0, friction=friction, v1=(xs[i], heights[i]), v2=(xs[i + 1], heights[i + 1]))
            for i in range(n - 1)]


def scene_boxes():
    s = base("boxes_on_edges")
    heights = [3.1, 2.4, 1.9, 1.5, 1.5, 1.5, 1.7, 2.2, 2.9]
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, v1=(0, 0), v2=(20, 0))] + terrain_edges(heights)))
    s["bodies"].append(body("dynamic", (6.0, 4.0), 0.2, [fixture("box", 1.0, friction=0.3, hx=0.5, hy=0.3)]))
    s["bodies"].append(body("dynamic", (9.0, 5.0), -0.4, [fixture("box", 3.0, friction=0.6, restitution=0.4, hx=0.25, hy=0.6)]))
    s["bodies"].append(body("dynamic", (12.5, 3.5), 0.05, [fixture("box", 0.5, friction=0.1, hx=0.8, hy=0.2)]))
    s["bodies"].append(body("dynamic", (3.5, 6.0), 0.7, [fixture("polygon", 2.0, friction=0.4,
                                                                   vertices=[(-0.4, -0.3), (0.5, -0.2), (0.3, 0.4), (-0.35, 0.3), (0.0, 0.55)])]))
    return run(s, 200)


def scene_revolute():
    s = base("revolute_motor")
    s["bodies"].append(body("dynamic", (0.0, 20.0), 0.0, [fixture("box", 5.0, hx=0.6, hy=0.4)]))
    # The leg starts inside its limits, hanging where the joint puts it; the motor then
    # drives it into the upper limit, which must hold it there.
    leg_angle = -0.6
    ax, ay = 20.0 / 30, 18.0 / 30
    c, sn = math.cos(leg_angle), math.sin(leg_angle)
    leg_pos = (0.0 - (c * ax - sn * ay), 20.0 - (sn * ax + c * ay))
    s["bodies"].append(body("dynamic", leg_pos, leg_angle, [fixture("box", 1.0, hx=2.0 / 30, hy=8.0 / 30)]))
    s["joints"].append(dict(bodyA=0, bodyB=1, localAnchorA=[0.0, 0.0], localAnchorB=v32((20.0 / 30, 18.0 / 30)),
                            enableMotor=True, enableLimit=True, maxMotorTorque=f32(40.0), motorSpeed=f32(0.3),
                            lowerAngle=f32(-0.9), upperAngle=f32(-0.4)))

    def policy(k, bodies):
        if k == 0:
            return [dict(step=0, body=0, kind="forceCenter", value=v32((150.0, 420.0)))]
        if k == 30:
            p = bodies[0].GetWorldPoint((0.5, 0.0))
            return [dict(step=30, body=0, kind="impulse", value=v32((0.0, 3.0)), point=v32((p.x, p.y)))]
        return []
    return run(s, 80, policy)


def scene_sleep():
    s = base("sleep")
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, friction=0.5, v1=(-10, 0), v2=(10, 0))]))
    s["bodies"].append(body("dynamic", (0.0, 1.2), 0.1, [fixture("box", 1.0, friction=0.5, hx=0.5, hy=0.5)]))
    return run(s, 150)


def scene_fast_impact():
    s = base("fast_impact")
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, v1=(-5, 0), v2=(5, 0)),
                                                  fixture("edge", 0.0, v1=(5, 0), v2=(8, 1.5))]))
    s["bodies"].append(body("dynamic", (0.0, 3.0), 0.3, [fixture("box", 1.0, friction=0.3, hx=0.3, hy=0.05)]))
    s["bodies"].append(body("dynamic", (6.0, 4.0), -0.2, [fixture("box", 2.0, friction=0.5, restitution=0.3, hx=0.2, hy=0.2)]))

    def policy(k, bodies):
        if k == 0:
            return [dict(step=0, body=1, kind="impulse", value=v32((2.0, -45.0)), point=v32((0.05, 3.0))),
                    dict(step=0, body=2, kind="impulse", value=v32((-10.0, -100.0)), point=v32((6.0, 4.0)))]
        return []
    return run(s, 60, policy)


def scene_stack():
    """Polygon-polygon contacts (BipedalWalker needs them): a small pyramid of boxes."""
    s = base("stack")
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, friction=0.6, v1=(-10, 0), v2=(10, 0))]))
    s["bodies"].append(body("static", (3.0, 0.5), 0.1, [fixture("box", 0.0, friction=0.6, hx=1.0, hy=0.5)]))
    rows = [(-0.6, 0.52, 0.0), (0.6, 0.52, 0.02), (0.0, 1.6, 0.05), (0.1, 2.8, -0.3)]
    for (x, y, a) in rows:
        s["bodies"].append(body("dynamic", (x, y), a, [fixture("box", 1.5, friction=0.6, hx=0.5, hy=0.5)]))
    s["bodies"].append(body("dynamic", (3.2, 2.5), 0.4, [fixture("polygon", 1.0, friction=0.3, restitution=0.2,
                                                                   vertices=[(-0.5, -0.2), (0.5, -0.25), (0.4, 0.3), (-0.3, 0.35)])]))
    return run(s, 200)


def scene_recreate():
    """Destroying bodies mid-run (EndContact on destroy) and creating new ones in the same
    world: Box2D recycles broad-phase proxy ids, which decides the new contacts' order."""
    s = base("recreate")
    heights = [2.0, 1.6, 1.2, 1.0, 1.0, 1.1, 1.4, 1.9]
    s["bodies"].append(body("static", (0, 0), 0, terrain_edges(heights, width=14.0, friction=0.4)))
    s["bodies"].append(body("dynamic", (4.0, 3.0), 0.1, [fixture("box", 1.0, friction=0.4, hx=0.4, hy=0.3)]))
    s["bodies"].append(body("dynamic", (7.0, 3.5), -0.2, [fixture("box", 2.0, friction=0.4, hx=0.3, hy=0.3)]))
    s["bodies"].append(body("dynamic", (9.5, 3.0), 0.3, [fixture("box", 1.0, friction=0.4, hx=0.6, hy=0.2)]))
    later = [((5.0, 4.0), 0.2, 0.35, 0.35), ((8.0, 3.0), -0.1, 0.5, 0.25), ((6.5, 5.0), 0.4, 0.2, 0.4)]
    for (p, a, hx, hy) in later:
        b = body("dynamic", p, a, [fixture("box", 1.5, friction=0.4, hx=hx, hy=hy)])
        b["createAt"] = 50
        s["bodies"].append(b)
    s["ops"] = [dict(step=50, op="destroy", body=2), dict(step=50, op="destroy", body=1)]
    return run(s, 130)


def scene_kinematic_sensor():
    """A kinematic platform carrying a box (friction), and sensors reporting overlaps
    without pushing back."""
    s = base("kinematic_sensor")
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, v1=(-10, 0), v2=(10, 0))]))
    platform = body("kinematic", (-3.0, 1.0), 0.0, [fixture("box", 0.0, friction=0.8, hx=1.5, hy=0.1)])
    platform["linearVelocity"] = v32((1.2, 0.3))
    platform["angularVelocity"] = f32(0.15)
    s["bodies"].append(platform)
    s["bodies"].append(body("dynamic", (-3.0, 1.6), 0.0, [fixture("box", 1.0, friction=0.8, hx=0.3, hy=0.3)]))
    sensor = fixture("box", 0.0, hx=0.5, hy=0.5)
    sensor["sensor"] = True
    s["bodies"].append(body("static", (0.5, 2.2), 0.0, [sensor]))
    falling = fixture("box", 1.0, hx=0.2, hy=0.2)
    s["bodies"].append(body("dynamic", (3.0, 4.0), 0.3, [falling]))
    sensor2 = fixture("box", 0.0, hx=0.6, hy=0.3)
    sensor2["sensor"] = True
    s["bodies"].append(body("static", (3.0, 2.0), 0.0, [sensor2]))
    return run(s, 120)


def scene_circles():
    """Circles (LunarLander's exhaust particles when rendering): edge-circle, polygon-circle
    and circle-circle contacts with restitution, and an off-centre circle on a box."""
    s = base("circles")
    heights = [2.5, 1.8, 1.2, 1.0, 1.0, 1.3, 1.9, 2.6]
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, v1=(0, 0), v2=(14, 0))] +
                                                terrain_edges(heights, width=14.0, friction=0.1)))
    for i, (x, y, r, dens) in enumerate([(3.0, 4.0, 2 / 30, 0.7), (3.05, 4.6, 2 / 30, 0.1), (6.0, 5.0, 0.3, 1.0),
                                         (6.2, 6.5, 0.25, 2.0), (9.0, 3.0, 2 / 30, 0.7)]):
        s["bodies"].append(body("dynamic", (x, y), 0.0, [fixture("circle", dens, friction=0.1, restitution=0.3,
                                                                 category=0x100, mask=0xFFFF, radius=r, center=(0, 0))]))
    wheel = body("dynamic", (10.5, 4.0), 0.2, [fixture("box", 1.0, friction=0.5, hx=0.5, hy=0.2),
                                               fixture("circle", 1.0, friction=0.9, radius=0.25, center=(0.3, -0.2))])
    s["bodies"].append(wheel)

    def policy(k, bodies):
        if k == 0:
            return [dict(step=0, body=1, kind="impulse", value=v32((0.01, -0.02)), point=v32((3.0, 4.0))),
                    dict(step=0, body=5, kind="impulse", value=v32((-0.02, 0.03)), point=v32((9.0, 3.0)))]
        if k == 40:
            p = bodies[3].worldCenter
            return [dict(step=40, body=3, kind="impulse", value=v32((0.8, 1.2)), point=v32((p.x + 0.1, p.y)))]
        return []
    return run(s, 150, policy)


def scene_damping_bullet():
    """Damping and gravity scale (pybox2d integrates damping as clamp(1 - h·c, 0, 1)), and a
    bullet: continuous collision between two dynamic bodies."""
    s = base("damping_bullet")
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, v1=(-20, 0), v2=(20, 0))]))
    damped = body("dynamic", (-3.0, 6.0), 0.4, [fixture("box", 1.0, hx=0.4, hy=0.3)])
    damped.update(linearVelocity=v32((3.0, 2.0)), angularVelocity=f32(4.0), linearDamping=f32(0.6),
                  angularDamping=f32(1.5), gravityScale=f32(0.5))
    s["bodies"].append(damped)
    wall = body("dynamic", (5.0, 1.0), 0.0, [fixture("box", 2.0, friction=0.5, hx=0.1, hy=1.0)])
    s["bodies"].append(wall)
    bullet = body("dynamic", (-6.0, 1.2), 0.0, [fixture("box", 1.0, restitution=0.2, hx=0.05, hy=0.05)])
    bullet.update(linearVelocity=v32((90.0, 0.0)), angularVelocity=0.0, bullet=True)
    s["bodies"].append(bullet)
    return run(s, 80)


def scene_lander(name="lander", terrain_seed=7, force=(-431.0, -287.0), mode="heuristic", steps=500, record_every=1,
                 disp_seed=11):
    """LunarLander-v3's construction with fixed terrain (from `terrain_seed`), a fixed
    initial push and engine impulses chosen by `mode`: "heuristic" (Gymnasium's reference
    controller), "none" (free fall, the hull crashes) or "random" (fixed random actions)."""
    SCALE, LEG_AWAY, LEG_DOWN, LEG_W, LEG_H = 30.0, 20, 18, 2, 8
    W, H = 600 / SCALE, 400 / SCALE
    CHUNKS = 11
    rng = np.random.default_rng(terrain_seed)
    height = rng.uniform(0, H / 2, size=(CHUNKS + 1,))
    chunk_x = [W / (CHUNKS - 1) * i for i in range(CHUNKS)]
    helipad_y = H / 4
    for k in range(CHUNKS // 2 - 2, CHUNKS // 2 + 3):
        height[k] = helipad_y
    smooth_y = [0.33 * (height[i - 1] + height[i + 0] + height[i + 1]) for i in range(CHUNKS)]
    s = base(name, vi=6 * 30, pi=2 * 30)
    s["velocityIterations"], s["positionIterations"] = 180, 60
    moon = [fixture("edge", 0.0, v1=(0, 0), v2=(W, 0))]
    for i in range(CHUNKS - 1):
        moon.append(fixture("edge", 0.0, friction=0.1, v1=(chunk_x[i], smooth_y[i]), v2=(chunk_x[i + 1], smooth_y[i + 1])))
    s["bodies"].append(body("static", (0, 0), 0, moon))
    poly = [(-14, +17), (-17, 0), (-17, -10), (+17, -10), (+17, 0), (+14, +17)]
    s["bodies"].append(body("dynamic", (W / 2, H), 0.0, [fixture("polygon", 5.0, friction=0.1, restitution=0.0, category=0x10, mask=0x001,
                                                                 vertices=[(x / SCALE, y / SCALE) for x, y in poly])]))
    for i in [-1, +1]:
        s["bodies"].append(body("dynamic", (W / 2 - i * LEG_AWAY / SCALE, H), i * 0.05,
                                [fixture("box", 1.0, restitution=0.0, category=0x20, mask=0x001, hx=LEG_W / SCALE, hy=LEG_H / SCALE)]))
        s["joints"].append(dict(bodyA=1, bodyB=len(s["bodies"]) - 1, localAnchorA=[0.0, 0.0],
                                localAnchorB=v32((i * LEG_AWAY / SCALE, LEG_DOWN / SCALE)), enableMotor=True, enableLimit=True,
                                maxMotorTorque=f32(40.0), motorSpeed=f32(0.3 * i),
                                lowerAngle=f32(0.9 - 0.5 if i == -1 else -0.9), upperAngle=f32(0.9 if i == -1 else -0.9 + 0.5)))
    disp = np.random.default_rng(disp_seed).uniform(-1, 1, size=(1000, 2))
    actions = np.random.default_rng(100 + terrain_seed).integers(0, 4, size=1000)
    FPS = 50
    legs_touching = {2: False, 3: False}

    def heuristic(st):
        # Gymnasium's reference heuristic controller (discrete actions).
        angle_targ = st[0] * 0.5 + st[2] * 1.0
        angle_targ = min(max(angle_targ, -0.4), 0.4)
        hover_targ = 0.55 * abs(st[0])
        angle_todo = (angle_targ - st[4]) * 0.5 - (st[5]) * 1.0
        hover_todo = (hover_targ - st[1]) * 0.5 - (st[3]) * 0.5
        if st[6] or st[7]:
            angle_todo = 0
            hover_todo = -(st[3]) * 0.5
        if hover_todo > abs(angle_todo) and hover_todo > 0.05:
            return 2
        if angle_todo < -0.05:
            return 3
        if angle_todo > +0.05:
            return 1
        return 0

    def policy(k, bodies):
        out = []
        lander = bodies[1]
        if k == 0:
            out.append(dict(step=0, body=1, kind="forceCenter", value=v32(force)))
        # Leg ground contact as the env tracks it (from the events of the previous steps).
        for ev in policy.rec.events[policy.seen:]:
            for leg in (2, 3):
                if leg in (ev[2], ev[3]):
                    legs_touching[leg] = ev[1] == "begin"
        policy.seen = len(policy.rec.events)
        pos, vel = lander.position, lander.linearVelocity
        st = [(pos.x - W / 2) / (W / 2), (pos.y - (helipad_y + LEG_DOWN / SCALE)) / (H / 2),
              vel.x * (W / 2) / FPS, vel.y * (H / 2) / FPS, lander.angle, 20.0 * lander.angularVelocity / FPS,
              1.0 if legs_touching[2] else 0.0, 1.0 if legs_touching[3] else 0.0]
        if mode == "heuristic":
            a = heuristic(st) if k > 0 else 0
        elif mode == "random":
            a = int(actions[k])
        else:
            a = 0
        tip = (math.sin(lander.angle), math.cos(lander.angle))
        side = (-tip[1], tip[0])
        d = (disp[k][0] / SCALE, disp[k][1] / SCALE)
        if a == 2:
            ox = tip[0] * (4 / SCALE + 2 * d[0]) + side[0] * d[1]
            oy = -tip[1] * (4 / SCALE + 2 * d[0]) - side[1] * d[1]
            p = (lander.position[0] + ox, lander.position[1] + oy)
            out.append(dict(step=k, body=1, kind="impulse", value=v32((-ox * 13.0, -oy * 13.0)), point=v32(p)))
        elif a in (1, 3):
            direction = a - 2
            ox = tip[0] * d[0] + side[0] * (3 * d[1] + direction * 12 / SCALE)
            oy = -tip[1] * d[0] - side[1] * (3 * d[1] + direction * 12 / SCALE)
            p = (lander.position[0] + ox - tip[0] * 17 / SCALE, lander.position[1] + oy + tip[1] * 14 / SCALE)
            out.append(dict(step=k, body=1, kind="impulse", value=v32((-ox * 0.6, -oy * 0.6)), point=v32(p)))
        return out
    policy.seen = 0
    return run(s, steps, policy, stop_when_asleep=1, record_every=record_every)


def scene_raycast():
    """Lidar-style ray casts (BipedalWalker): closest hit with clipping, and every hit in
    the tree's traversal order (which exposes the broad-phase tree structure)."""
    s = base("raycast")
    heights = [3.0, 2.2, 1.7, 1.4, 1.5, 1.5, 1.8, 2.4, 3.1]
    s["bodies"].append(body("static", (0, 0), 0, [fixture("edge", 0.0, v1=(0, 0), v2=(20, 0))] + terrain_edges(heights)))
    s["bodies"].append(body("dynamic", (6.0, 3.0), 0.3, [fixture("box", 1.0, hx=0.5, hy=0.3)]))
    s["bodies"].append(body("dynamic", (9.0, 4.0), -0.6, [fixture("box", 1.0, category=2, hx=0.4, hy=0.4)]))
    s["bodies"].append(body("static", (12.0, 3.0), 0.2, [fixture("box", 0.0, hx=1.0, hy=0.2, center=(0.2, 0.1), boxAngle=0.3)]))
    world, bodies, _ = build(s)
    world.Step(s["dt"], 6, 2)  # let the pending proxies enter pairs, as an env's first step would

    class Closest(Box2D.b2RayCastCallback):
        def __init__(self, mask_category_1):
            Box2D.b2RayCastCallback.__init__(self)
            self.mask = mask_category_1
            self.hit = None

        def ReportFixture(self, fixture, point, normal, fraction):
            if self.mask and (fixture.filterData.categoryBits & 1) == 0:
                return -1
            self.hit = [fixture.body.userData, r9(point[0]), r9(point[1]), r9(normal[0]), r9(normal[1]), r9(fraction)]
            return fraction

    class All(Box2D.b2RayCastCallback):
        def __init__(self):
            Box2D.b2RayCastCallback.__init__(self)
            self.hits = []

        def ReportFixture(self, fixture, point, normal, fraction):
            self.hits.append([fixture.body.userData, r9(point[0]), r9(point[1]), r9(normal[0]), r9(normal[1]), r9(fraction)])
            return 1.0

    rays = []
    origin = v32((8.0, 6.5))
    for i in range(12):
        a = -math.pi * (i + 0.5) / 12
        p2 = v32((origin[0] + 9.0 * math.cos(a), origin[1] + 9.0 * math.sin(a)))
        closest, masked, every = Closest(False), Closest(True), All()
        world.RayCast(closest, tuple(origin), tuple(p2))
        world.RayCast(masked, tuple(origin), tuple(p2))
        world.RayCast(every, tuple(origin), tuple(p2))
        rays.append(dict(p1=origin, p2=p2, closest=closest.hit, closestCategory1=masked.hit, all=every.hits))
    s["generator"] = GENERATOR
    s["box2dVersion"] = Box2D.__version__
    s["rays"] = rays
    return s


def scene_mass():
    """Polygon hulls and mass properties as pybox2d computes them."""
    shapes = [
        dict(kind="box", hx=f32(0.5), hy=f32(0.25)),
        dict(kind="box", hx=f32(2 / 30), hy=f32(8 / 30)),
        dict(kind="boxAt", hx=f32(0.3), hy=f32(0.7), center=v32((0.4, -0.2)), angle=f32(0.6)),
        dict(kind="polygon", vertices=[v32((x / 30.0, y / 30.0)) for x, y in [(-14, 17), (-17, 0), (-17, -10), (17, -10), (17, 0), (14, 17)]]),
        dict(kind="polygon", vertices=[v32(p) for p in [(0.3, 0.4), (-0.4, -0.3), (0.0, 0.55), (0.5, -0.2), (-0.35, 0.3), (0.1, 0.1)]]),
        dict(kind="polygon", vertices=[v32(p) for p in [(1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7), (0, -1), (0.7, -0.7)]]),
    ]
    out = []
    for sd in shapes:
        world = b2World(gravity=(0, -10))
        if sd["kind"] == "box":
            shape = b2PolygonShape(box=(sd["hx"], sd["hy"]))
        elif sd["kind"] == "boxAt":
            shape = b2PolygonShape(box=(sd["hx"], sd["hy"], tuple(sd["center"]), sd["angle"]))
        else:
            shape = b2PolygonShape(vertices=[tuple(v) for v in sd["vertices"]])
        density = f32(2.5)
        b = world.CreateDynamicBody(position=(0, 0))
        b.CreateFixture(b2FixtureDef(shape=shape, density=density))
        md = b.fixtures[0].massData
        rec = dict(sd)
        rec["density"] = density
        rec["hull"] = [[r9(v[0]), r9(v[1])] for v in b.fixtures[0].shape.vertices]
        rec["normals"] = [[r9(n[0]), r9(n[1])] for n in b.fixtures[0].shape.normals]
        rec["centroid"] = [r9(b.fixtures[0].shape.centroid[0]), r9(b.fixtures[0].shape.centroid[1])]
        rec["mass"] = r9(md.mass)
        rec["center"] = [r9(md.center[0]), r9(md.center[1])]
        rec["I"] = r9(md.I)
        rec["bodyInertia"] = r9(b.inertia)
        out.append(rec)
    return dict(generator=GENERATOR, box2dVersion=Box2D.__version__, shapes=out)


def main():
    os.makedirs(OUT, exist_ok=True)
    scenes = {
        "physics2d_free_flight.json": scene_free_flight(),
        "physics2d_boxes_on_edges.json": scene_boxes(),
        "physics2d_revolute_motor.json": scene_revolute(),
        "physics2d_sleep.json": scene_sleep(),
        "physics2d_lander.json": scene_lander(),
        "physics2d_lander_variants.json": dict(generator=GENERATOR, box2dVersion=Box2D.__version__, scenes=[
            scene_lander("lander_heuristic_2", terrain_seed=2, disp_seed=13, force=(812.0, -640.0), steps=400, record_every=5),
            scene_lander("lander_heuristic_5", terrain_seed=5, disp_seed=16, force=(-950.0, 120.0), steps=400, record_every=5),
            scene_lander("lander_crash", terrain_seed=3, disp_seed=14, force=(300.0, -900.0), mode="none", steps=300, record_every=5),
            scene_lander("lander_random", terrain_seed=4, disp_seed=15, force=(-120.0, 400.0), mode="random", steps=300, record_every=5),
        ]),
        "physics2d_fast_impact.json": scene_fast_impact(),
        "physics2d_stack.json": scene_stack(),
        "physics2d_recreate.json": scene_recreate(),
        "physics2d_kinematic_sensor.json": scene_kinematic_sensor(),
        "physics2d_circles.json": scene_circles(),
        "physics2d_damping_bullet.json": scene_damping_bullet(),
        "physics2d_mass.json": scene_mass(),
        "physics2d_raycast.json": scene_raycast(),
    }
    for name, data in scenes.items():
        path = os.path.join(OUT, name)
        with open(path, "w") as f:
            json.dump(data, f, separators=(",", ":"))
        extra = ""
        if "steps" in data:
            extra = " steps=%d events=%d sleep=%s" % (data["steps"], len(data["events"]), data["sleepStep"])
        print("wrote", os.path.relpath(path), os.path.getsize(path), "bytes" + extra)


if __name__ == "__main__":
    main()
