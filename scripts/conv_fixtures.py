#!/usr/bin/env python3
"""Reference fixtures for the DSL's convolution layers (Tests/DSLTests/Fixtures/conv.json).

Run:  python3 scripts/conv_fixtures.py [--out Tests/DSLTests/Fixtures]

Needs torch (CPU) only. Everything is float32, torch single-threaded, deterministic.

Contents (see Tests/DSLTests/Support/ConvFixtures.swift for the Swift side):
  conv2d, max_pool2d: op cases as in ops.json — {"name", "op", "attrs", "inputs", "output",
      "upstream", "grads"} with grads of sum(output * upstream). conv2d inputs are
      [x, weight(, bias)], attrs stride / padding / dilation as [h, w];
      max_pool2d attrs kernel / stride / padding as [h, w].
  nature_actor_critic: the Nature-CNN actor-critic (CleanRL's Atari agent shape):
      trunk = Sequential(Conv(4,32,8,s4), ReLU, Conv(32,64,4,s2), ReLU, Conv(64,64,3,s1), ReLU,
                         Flatten, Linear(3136,512), ReLU) applied to obs / 255,
      heads policy = Linear(512, 6), value = Linear(512, 1).
      Weights, biases and observations are not stored: both languages compute them with
      `hash_uniform` below (weights uniform in ±1/sqrt(fan_in), pixels integers 0..255).
      loss = -mean(log pi(a) * adv) + 0.5 * mean((v - ret)^2) - 0.01 * mean(entropy).
      Stored: logits, values, loss terms, and for each parameter's gradient its sum, sum of
      absolute values and the values at `probes` flat indices (all of them for small tensors).
"""

import argparse
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

GENERATOR = "scripts/conv_fixtures.py"
VERSIONS = {"torch": torch.__version__}

torch.set_num_threads(1)
F32 = torch.float32


def _num(v):
    v = float(v.detach().item()) if isinstance(v, torch.Tensor) else float(v)
    if not math.isfinite(v):
        raise ValueError(f"non-finite value {v} in fixture")
    r = float(f"{v:.9g}")
    if r == int(r) and abs(r) < 2**53:
        return int(r)
    return r


def T(t):
    t = t.detach()
    d = {"shape": list(t.shape)}
    flat = t.reshape(-1).tolist()
    if t.dtype == torch.int64:
        d["data"] = [int(v) for v in flat]
        d["dtype"] = "int64"
    else:
        assert t.dtype == F32, t.dtype
        d["data"] = [_num(v) for v in flat]
    return d


# --------------------------------------------------------------------------- deterministic values

MASK = 0xFFFFFFFF


def hash32(i, seed):
    """lowbias32 of (i + seed * 0x9E3779B9) mod 2^32; mirrored in Swift (ConvFixtureTests)."""
    x = (i + seed * 0x9E3779B9) & MASK
    x ^= x >> 16
    x = (x * 0x7FEB352D) & MASK
    x ^= x >> 15
    x = (x * 0x846CA68B) & MASK
    x ^= x >> 16
    return x


def hash_uniform(count, seed, bound):
    """float32((2 * h / 2^32 - 1) * bound) for h = hash32(i, seed), i < count (double math)."""
    import numpy as np
    i = np.arange(count, dtype=np.uint64)
    x = (i + np.uint64((seed * 0x9E3779B9) & MASK)) & np.uint64(MASK)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & np.uint64(MASK)
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & np.uint64(MASK)
    x ^= x >> np.uint64(16)
    assert int(x[min(5, count - 1)]) == hash32(min(5, count - 1), seed)
    u = x.astype(np.float64) / 4294967296.0
    return torch.from_numpy(((2.0 * u - 1.0) * bound).astype(np.float32))


def hash_pixels(count, seed):
    """Integers 0..255: h >> 24."""
    import numpy as np
    i = np.arange(count, dtype=np.uint64)
    x = (i + np.uint64((seed * 0x9E3779B9) & MASK)) & np.uint64(MASK)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & np.uint64(MASK)
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & np.uint64(MASK)
    x ^= x >> np.uint64(16)
    return torch.from_numpy((x >> np.uint64(24)).astype(np.float32))


# --------------------------------------------------------------------------- op cases

class Rng:
    def __init__(self, seed):
        self.g = torch.Generator().manual_seed(seed)

    def randn(self, *shape):
        return torch.randn(tuple(shape), generator=self.g, dtype=F32)

    def ints(self, hi, *shape):
        return torch.randint(0, hi, shape, generator=self.g).to(F32)


def differentiable_case(rng, name, op, attrs, inputs, fn):
    leaves = [x.detach().clone().requires_grad_(True) for x in inputs]
    out = fn(*leaves)
    up = rng.randn(*out.shape)
    grads = torch.autograd.grad((out * up).sum(), leaves)
    return {"name": name, "op": op, "attrs": attrs, "inputs": [T(x) for x in inputs], "output": T(out),
            "upstream": T(up), "grads": [T(g) for g in grads]}


def pair(v):
    return list(v) if isinstance(v, (tuple, list)) else [v, v]


def gen_conv2d():
    rng = Rng(2024)
    specs = [
        # name, x shape, weight shape, bias, stride, padding, dilation
        ("k3_s1_p0", (2, 3, 7, 7), (4, 3, 3, 3), True, 1, 0, 1),
        ("k3_s2_p1", (2, 3, 7, 7), (4, 3, 3, 3), True, 2, 1, 1),
        ("k3_s1_p2_d2", (1, 2, 8, 8), (3, 2, 3, 3), True, 1, 2, 2),
        ("k2x3_s2x1_p1x0_d1x2", (2, 2, 6, 9), (5, 2, 2, 3), True, (2, 1), (1, 0), (1, 2)),
        ("k1_nobias", (3, 4, 5, 5), (6, 4, 1, 1), False, 1, 0, 1),
        ("k8_s4_nature_like", (2, 4, 20, 20), (8, 4, 8, 8), True, 4, 0, 1),
        ("k2_s3", (2, 3, 8, 8), (4, 3, 2, 2), True, 3, 0, 1),
        ("k3_p2_small_input", (1, 2, 4, 4), (3, 2, 3, 3), True, 1, 2, 1),
        ("k4_s2_p1_nobias", (2, 3, 9, 7), (16, 3, 4, 4), False, 2, 1, 1),
        ("k5_p1_d1x3", (1, 1, 9, 12), (2, 1, 5, 3), True, 1, 1, (1, 3)),
    ]
    cases = []
    for name, xs, ws, bias, stride, padding, dilation in specs:
        x = rng.randn(*xs)
        w = rng.randn(*ws) * 0.5
        inputs = [x, w] + ([rng.randn(ws[0])] if bias else [])
        attrs = {"stride": pair(stride), "padding": pair(padding), "dilation": pair(dilation)}

        def fn(x, w, b=None, stride=stride, padding=padding, dilation=dilation):
            return F.conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation)

        cases.append(differentiable_case(rng, "conv2d_" + name, "conv2d", attrs, inputs, fn))
    return cases


def gen_max_pool2d():
    rng = Rng(4048)
    specs = [
        # name, x, kernel, stride, padding
        ("k2_s2", rng.randn(2, 3, 6, 6), 2, 2, 0),
        ("k3_s2_p1", rng.randn(2, 2, 7, 7), 3, 2, 1),
        ("k3_s1_overlap", rng.randn(1, 2, 5, 6), 3, 1, 0),
        ("ties_k2_s1", rng.ints(3, 1, 2, 5, 5), 2, 1, 0),
        ("ties_k3_s2_p1", rng.ints(2, 2, 1, 6, 6), 3, 2, 1),
        ("k2x3_s1x2", rng.randn(2, 1, 5, 7), (2, 3), (1, 2), 0),
        ("k3_s3_floor", rng.randn(1, 3, 8, 8), 3, 3, 0),
    ]
    cases = []
    for name, x, k, s, p in specs:
        attrs = {"kernel": pair(k), "stride": pair(s), "padding": pair(p)}

        def fn(x, k=k, s=s, p=p):
            return F.max_pool2d(x, k, s, p)

        cases.append(differentiable_case(rng, "max_pool2d_" + name, "max_pool2d", attrs, [x], fn))
    return cases


# --------------------------------------------------------------------------- Nature-CNN actor-critic

# (name, shape, seed); fan_in = prod(shape[1:]) for weights and biases alike.
NATURE_PARAMETERS = [
    ("trunk.0.weight", (32, 4, 8, 8), 11), ("trunk.0.bias", (32,), 12),
    ("trunk.2.weight", (64, 32, 4, 4), 13), ("trunk.2.bias", (64,), 14),
    ("trunk.4.weight", (64, 64, 3, 3), 15), ("trunk.4.bias", (64,), 16),
    ("trunk.7.weight", (512, 3136), 17), ("trunk.7.bias", (512,), 18),
    ("heads.policy.weight", (6, 512), 19), ("heads.policy.bias", (6,), 20),
    ("heads.value.weight", (1, 512), 21), ("heads.value.bias", (1,), 22),
]
FAN_IN = {"trunk.0": 4 * 64, "trunk.2": 32 * 16, "trunk.4": 64 * 9, "trunk.7": 3136,
          "heads.policy": 512, "heads.value": 512}
OBS_SHAPE, OBS_SEED = (2, 4, 84, 84), 7
PROBES = 97  # probe indices: the first, the last and every stride-th element in between


def probe_indices(count):
    if count <= 1024:
        return list(range(count))
    step = count // PROBES
    return sorted(set(list(range(0, count, step)) + [count - 1]))


def gen_nature():
    params = {}
    for name, shape, seed in NATURE_PARAMETERS:
        fan_in = FAN_IN[name.rsplit(".", 1)[0]]
        n = 1
        for s in shape:
            n *= s
        params[name] = hash_uniform(n, seed, 1.0 / math.sqrt(fan_in)).reshape(shape).requires_grad_(True)
    obs = hash_pixels(4 * 84 * 84 * 2, OBS_SEED).reshape(OBS_SHAPE)
    actions = torch.tensor([1, 4])
    advantages = torch.tensor([0.75, -1.25])
    returns = torch.tensor([1.5, -0.5])

    p = params
    h = obs / 255.0
    h = F.relu(F.conv2d(h, p["trunk.0.weight"], p["trunk.0.bias"], stride=4))
    h = F.relu(F.conv2d(h, p["trunk.2.weight"], p["trunk.2.bias"], stride=2))
    h = F.relu(F.conv2d(h, p["trunk.4.weight"], p["trunk.4.bias"], stride=1))
    h = F.relu(F.linear(h.flatten(1), p["trunk.7.weight"], p["trunk.7.bias"]))
    logits = F.linear(h, p["heads.policy.weight"], p["heads.policy.bias"])
    values = F.linear(h, p["heads.value.weight"], p["heads.value.bias"])
    logp = F.log_softmax(logits, dim=1)
    chosen = logp.gather(1, actions[:, None]).squeeze(1)
    entropy = -(logp.exp() * logp).sum(1)
    policy_loss = -(chosen * advantages).mean()
    value_loss = ((values.squeeze(1) - returns) ** 2).mean()
    loss = policy_loss + 0.5 * value_loss - 0.01 * entropy.mean()
    loss.backward()

    grads = []
    for name, shape, _ in NATURE_PARAMETERS:
        g = params[name].grad.reshape(-1)
        idx = probe_indices(g.numel())
        grads.append({"name": name, "shape": list(shape), "sum": _num(g.double().sum()),
                      "abs_sum": _num(g.double().abs().sum()), "indices": idx,
                      "values": [_num(g[i]) for i in idx]})
    return {
        "name": "nature_cnn_actor_critic",
        "parameters": [{"name": n, "shape": list(s), "seed": seed, "fan_in": FAN_IN[n.rsplit(".", 1)[0]]}
                       for n, s, seed in NATURE_PARAMETERS],
        "observation": {"shape": list(OBS_SHAPE), "seed": OBS_SEED, "scale": "1/255"},
        "actions": T(actions), "advantages": T(advantages), "returns": T(returns),
        "logits": T(logits), "values": T(values),
        "policy_loss": _num(policy_loss), "value_loss": _num(value_loss), "entropy": _num(entropy.mean()),
        "loss": _num(loss), "grads": grads,
        "hash_check": [hash32(i, 11) for i in range(4)],
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "Tests", "DSLTests", "Fixtures")))
    args = ap.parse_args()
    doc = {"generator": GENERATOR, "versions": VERSIONS, "conv2d": gen_conv2d(), "max_pool2d": gen_max_pool2d(),
           "nature_actor_critic": gen_nature()}
    path = os.path.join(args.out, "conv.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(doc['conv2d'])} conv2d, {len(doc['max_pool2d'])} max_pool2d cases, "
          f"{os.path.getsize(path)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
