#!/usr/bin/env python3
"""Reference values for the DSL's off-policy building blocks, in PyTorch float32.

Run:  python3 scripts/offpolicy_dsl_fixtures.py   -> Tests/DSLTests/Fixtures/offpolicy.json

Tensors are {"shape", "data"} (flat row-major float32, 9 significant digits, which
round-trips float32 exactly). Gradients come from torch autograd of
sum(output * upstream) with fixed random upstreams. Sections:

squashed_sample  tanh-squashed Gaussian (Stable-Baselines3's SquashedDiagGaussianDistribution)
                 with a given standard-normal `noise`: u = mean + noise * exp(log_std),
                 actions = tanh(u), log_prob = Normal(mean, exp(log_std)).log_prob(u).sum(1)
                 - log(1 - actions^2 + 1e-6).sum(1); grads {mean, log_std} of
                 sum(upstream_actions * actions) + sum(upstream_log_prob * log_prob).
squashed_log_prob  the same log_prob for given `actions`, u = atanh(clamp(actions, -1 + eps,
                 1 - eps)) with eps = finfo(float32).eps, atanh(x) = (log1p(x) - log1p(-x)) / 2
                 (SB3's TanhBijector.inverse); grads {mean, log_std} of sum(upstream * log_prob).
scan             discounted reverse scan over axis 0: y[T-1] = x[T-1] + g[T-1] * b (b = 0 when
                 `bootstrap` is null), y[t] = x[t] + g[t] * y[t+1], a plain float32 loop;
                 grads {x, discounts, bootstrap} of sum(upstream * y).
huber            torch.nn.functional.huber_loss(prediction, target, delta), mean reduction;
                 grads {prediction, target} of the loss.
polyak           `steps` soft updates, each target.mul_(1 - tau) then target.add_(tau * source),
                 of two parameters ([3, 4] and [4]); tau is stored as its float32 value.
"""
import json
import math
import pathlib

import numpy as np
import torch
from torch.distributions import Normal

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "DSLTests" / "Fixtures" / "offpolicy.json"
F32 = torch.float32
SB3_SQUASH_EPSILON = 1e-6

torch.set_num_threads(1)


def number(v):
    v = float(v)
    assert math.isfinite(v), v
    return float(f"{v:.9g}")


def tensor(t):
    t = t.detach()
    assert t.dtype == F32, t.dtype
    return {"shape": list(t.shape), "data": [number(v) for v in t.reshape(-1).tolist()]}


def grads_of(objective, named):
    gs = torch.autograd.grad(objective, list(named.values()))
    return {k: tensor(g) for k, g in zip(named, gs)}


def squashed_log_prob(mean, log_std, actions, gaussian_actions):
    std = torch.ones_like(mean) * log_std.exp()
    log_prob = Normal(mean, std).log_prob(gaussian_actions).sum(dim=1)
    return log_prob - torch.log(1 - actions ** 2 + SB3_SQUASH_EPSILON).sum(dim=1)


def squashed_sample(g):
    cases = []
    B, D = 6, 3
    settings = [
        ("shared_log_std", torch.randn(B, D, generator=g), torch.tensor([-0.5, 0.2, -1.5])),
        ("per_row_log_std", torch.randn(B, D, generator=g), torch.rand(B, D, generator=g) * 2.5 - 2),
        # |u| > 9.5 everywhere: tanh is exactly ±1 in float32, the correction is log(1e-6).
        ("saturated", torch.sign(torch.randn(B, D, generator=g)) * (10 + 2 * torch.rand(B, D, generator=g)),
         torch.full((D,), -3.0)),
    ]
    for name, mean, log_std in settings:
        noise = torch.randn(B, D, generator=g)
        m, s = mean.clone().requires_grad_(True), log_std.clone().requires_grad_(True)
        u = m + noise * (torch.ones_like(m) * s.exp())
        actions = torch.tanh(u)
        log_prob = squashed_log_prob(m, s, actions, u)
        up_a, up_lp = torch.randn(B, D, generator=g), torch.randn(B, generator=g)
        grads = grads_of((up_a * actions).sum() + (up_lp * log_prob).sum(), {"mean": m, "log_std": s})
        if name == "saturated":
            assert bool((actions.abs() == 1).all())
        cases.append({"name": name, "mean": tensor(mean), "log_std": tensor(log_std), "noise": tensor(noise),
                      "actions": tensor(actions), "log_prob": tensor(log_prob),
                      "upstream_actions": tensor(up_a), "upstream_log_prob": tensor(up_lp), "grads": grads})
    return cases


def squashed_given_actions(g):
    eps = torch.finfo(F32).eps
    cases = []
    B, D = 5, 2
    interior = torch.rand(B, D, generator=g) * 1.98 - 0.99
    edges = interior.clone()
    edges[0] = torch.tensor([1.0, -1.0])
    edges[1] = torch.tensor([0.9999999, -0.9999999])
    edges[2] = torch.tensor([1 - 1e-4, -(1 - 1e-4)])
    for name, actions, log_std in [("interior", interior, torch.tensor([-0.3, 0.4])),
                                   ("edges", edges, torch.rand(B, D, generator=g) - 1)]:
        mean = torch.randn(B, D, generator=g)
        m, s = mean.clone().requires_grad_(True), log_std.clone().requires_grad_(True)
        x = actions.clamp(min=-1.0 + eps, max=1.0 - eps)
        u = 0.5 * (x.log1p() - (-x).log1p())
        log_prob = squashed_log_prob(m, s, actions, u)
        up = torch.randn(B, generator=g)
        grads = grads_of((up * log_prob).sum(), {"mean": m, "log_std": s})
        cases.append({"name": name, "mean": tensor(mean), "log_std": tensor(log_std), "actions": tensor(actions),
                      "log_prob": tensor(log_prob), "upstream": tensor(up), "grads": grads})
    return cases


def scan_loop_numpy(x, g, b):
    y = np.zeros_like(x)
    nxt = b if b is not None else np.zeros(x.shape[1:], dtype=np.float32)
    for t in reversed(range(x.shape[0])):
        nxt = x[t] + g[t] * nxt
        y[t] = nxt
    return y


def scan(g):
    cases = []
    for name, shape, with_bootstrap in [("rank2_bootstrap", (7, 4), True), ("rank2_no_bootstrap", (5, 3), False),
                                        ("rank3_bootstrap", (4, 2, 3), True), ("one_step", (1, 3), True)]:
        x = torch.randn(*shape, generator=g)
        done = (torch.rand(*shape, generator=g) < 0.25).float()
        discounts = 0.99 * 0.95 * (1 - done)
        bootstrap = torch.randn(*shape[1:], generator=g) if with_bootstrap else None
        leaves = {"x": x.clone().requires_grad_(True), "discounts": discounts.clone().requires_grad_(True)}
        if with_bootstrap:
            leaves["bootstrap"] = bootstrap.clone().requires_grad_(True)
        nxt = leaves.get("bootstrap", torch.zeros(shape[1:]))
        steps = [None] * shape[0]
        for t in reversed(range(shape[0])):
            nxt = leaves["x"][t] + leaves["discounts"][t] * nxt
            steps[t] = nxt
        y = torch.stack(steps)
        reference = scan_loop_numpy(x.numpy(), discounts.numpy(), None if bootstrap is None else bootstrap.numpy())
        assert np.array_equal(y.detach().numpy(), reference), name
        up = torch.randn(*shape, generator=g)
        cases.append({"name": name, "x": tensor(x), "discounts": tensor(discounts),
                      "bootstrap": tensor(bootstrap) if with_bootstrap else None, "output": tensor(y),
                      "upstream": tensor(up), "grads": grads_of((up * y).sum(), leaves)})
    return cases


def huber(g):
    cases = []
    for name, shape, delta in [("dqn_delta_1", (8, 1), 1.0), ("delta_0.5", (4, 3), 0.5), ("delta_2", (10,), 2.0)]:
        prediction = torch.randn(*shape, generator=g) * 2
        target = torch.randn(*shape, generator=g) * 2
        p, t = prediction.clone().requires_grad_(True), target.clone().requires_grad_(True)
        loss = torch.nn.functional.huber_loss(p, t, delta=delta)
        if delta == 1.0:
            assert torch.equal(loss, torch.nn.functional.smooth_l1_loss(p, t))
        residual = (prediction - target).abs()
        assert bool((residual < delta).any() and (residual > delta).any()), name
        cases.append({"name": name, "delta": delta, "prediction": tensor(prediction), "target": tensor(target),
                      "loss": number(loss.detach()), "grads": grads_of(loss, {"prediction": p, "target": t})})
    return cases


def polyak(g):
    cases = []
    for name, tau, steps in [("sac_tau", 0.005, 1), ("tau_0.3_three_steps", 0.3, 3), ("hard_copy", 1.0, 1)]:
        tau32 = float(np.float32(tau))
        target = [torch.randn(3, 4, generator=g), torch.randn(4, generator=g)]
        source = [torch.randn(3, 4, generator=g), torch.randn(4, generator=g)]
        updated = [t.clone() for t in target]
        with torch.no_grad():
            for _ in range(steps):
                for t, s in zip(updated, source):
                    t.mul_(1 - tau32)
                    t.add_(tau32 * s)
        expected = [t.numpy().copy() for t in target]
        for _ in range(steps):
            expected = [(e * np.float32(1 - tau32)) + (np.float32(tau32) * s.numpy()) for e, s in zip(expected, source)]
        assert all(np.array_equal(u.numpy(), e) for u, e in zip(updated, expected)), name
        cases.append({"name": name, "tau": number(tau32), "steps": steps, "target": [tensor(t) for t in target],
                      "source": [tensor(s) for s in source], "updated": [tensor(u) for u in updated]})
    return cases


def main():
    g = torch.Generator().manual_seed(20240611)
    doc = {"generator": "scripts/offpolicy_dsl_fixtures.py", "versions": {"torch": torch.__version__},
           "squashed_sample": squashed_sample(g), "squashed_log_prob": squashed_given_actions(g),
           "scan": scan(g), "huber": huber(g), "polyak": polyak(g)}
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
