#!/usr/bin/env python3
"""Reference values for Zoo's DQN, SAC and TD3 gradient steps, in PyTorch float32, with
Stable-Baselines3's formulas (dqn.py, sac.py, td3.py of stable-baselines3 2.x, re-written
here; nothing is imported from SB3).

Run:  python3 scripts/offpolicy_loss_fixtures.py   -> Tests/ZooTests/Fixtures/offpolicy_losses.json
Read by Tests/ZooTests/Plugins/OffPolicyLossFixtureTests.swift.

Tensors are {"shape", "data"} (flat row-major float32, 9 significant digits, which
round-trips float32 exactly); networks are {name: tensor} under Zoo's parameter names,
which are PyTorch's state_dict keys of the same architecture:
  MLP            nn.Sequential(Linear, ReLU, Linear, ReLU, Linear): "0.weight" … "4.bias"
  TD3 actor      nn.Sequential(MLP, Tanh): "0.0.weight" … "0.4.bias"
  SAC actor      trunk = nn.Sequential(Linear, ReLU, Linear, ReLU), heads = {mean, log_std}
                 Linear: "trunk.0.weight" … "heads.mean.weight", "heads.log_std.bias"
Each section carries the `recipe` (the algorithm mapping, YAML flow style) that the Swift
test builds the plugin from, so that hyperparameters have one source.

random_check  The first draws of Zoo's SeededRandom (xoshiro256** seeded by SplitMix64,
              Lemire's nextInt(below:), Box–Muller nextNormal), replicated below: the
              end-to-end `update` cases need the minibatch rows and the TD3 smoothing noise
              Zoo will draw. The Swift test checks the replica first.
dqn           Q and target networks (different weights) and a fixed batch:
              targets         r + (1 - terminated) * gamma * max_a' Q_target(o', a')     (dqn.py)
              targets_double  r + (1 - terminated) * gamma * Q_target(o', argmax_a' Q(o', a'))
                              (van Hasselt et al. 2016; SB3 has no double DQN)
              loss, q_grads   smooth_l1_loss(Q(o)[a], targets) and its gradients
              update          Zoo's DQN.update on a replay buffer of `buffer` rows: per gradient
                              step, the rows `indices` (SeededRandom(seed).nextInt), loss,
                              clip_grad_norm_(max_grad_norm), Adam step; `q_after` at the end.
sac           Per case, consecutive gradient steps on given batches and noises, in sac.py's
              order: log_prob of the reparameterised actor sample (mean + noise * std, tanh,
              Normal log-density minus sum log(1 - a^2 + 1e-6), log_std clamped to [-20, 2]);
              ent_coef = exp(log_alpha) before its step; ent_coef_loss =
              -(log_alpha * (log_prob + target_entropy).detach()).mean() and an Adam step
              on log_alpha; next_q = min(target critics)(o', a') - ent_coef * next_log_prob,
              target_q = r + (1 - terminated) * gamma * next_q; critic_loss = 0.5 * sum_i
              mse(Q_i(o, scaled a), target_q) and an Adam step; actor_loss = (ent_coef *
              log_prob - min_i Q_i(o, a_pi)).mean() with the stepped critics, and an Adam
              step; then the Polyak update of the critic targets (target_update_interval 1).
              Actions are stored in environment units; the critics see them scaled to
              [-1, 1] as SB3's replay buffer stores them.
td3           Zoo's TD3.update on a replay buffer (rows from SeededRandom(seed).nextInt, then
              the smoothing noise from the same stream, one standard normal per element),
              in td3.py's order: noise = (eps * sigma).clamp(-c, c), a' = (actor_target(o')
              + noise).clamp(-1, 1), target_q = r + (1 - terminated) * gamma *
              min(target critics)(o', a'), critic_loss = sum_i mse(Q_i, target_q) (no 1/2,
              unlike SAC) and an Adam step; every policy_delay-th step actor_loss =
              -Q_1(o, actor(o)).mean(), an Adam step, then Polyak updates of the critic
              and actor targets. `smoothing` checks GaussianActionNoise alone.
Polyak updates are written as SB3's polyak_update: target.mul_(1 - tau), then
th.add(target, source, alpha=tau, out=target).
"""
import json
import math
import pathlib

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.distributions import Normal

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "ZooTests" / "Fixtures" / "offpolicy_losses.json"
F32 = torch.float32
MASK = (1 << 64) - 1
LOG_STD_MIN, LOG_STD_MAX = -20, 2
SQUASH_EPSILON = 1e-6

torch.set_num_threads(1)


# ---------------------------------------------------------------------------------------
# Zoo's SeededRandom, replicated (Sources/DSL/Random/SeededRandom.swift).

def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class SeededRandom:
    def __init__(self, seed):
        state = seed & MASK
        self.s = []
        for _ in range(4):
            state, z = splitmix64(state)
            self.s.append(z)
        if not any(self.s):
            self.s[0] = 0x9E3779B97F4A7C15

    def next_raw(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_double(self):
        return (self.next_raw() >> 11) * 2.0 ** -53

    def next_int(self, bound):
        m = self.next_raw() * bound
        if m & MASK < bound:
            threshold = ((1 << 64) - bound) % bound
            while m & MASK < threshold:
                m = self.next_raw() * bound
        return m >> 64

    def next_normal(self):
        u1 = self.next_double()
        while u1 <= 0:
            u1 = self.next_double()
        u2 = self.next_double()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def normals32(self, shape):
        n = int(np.prod(shape))
        return torch.tensor([self.next_normal() for _ in range(n)], dtype=F32).reshape(shape)


# ---------------------------------------------------------------------------------------
# Serialisation.

def number(v):
    v = float(v)
    assert math.isfinite(v), v
    return float(f"{v:.9g}")


def tensor(t):
    t = torch.as_tensor(t).detach()
    assert t.dtype == F32, t.dtype
    return {"shape": list(t.shape), "data": [number(v) for v in t.reshape(-1).tolist()]}


def weights(module):
    return {k: tensor(v) for k, v in module.state_dict().items()}


def batch_json(b):
    return {"observations": tensor(b["obs"]), "actions": tensor(b["actions"]), "rewards": tensor(b["rewards"]),
            "next_observations": tensor(b["next_obs"]), "terminated": tensor(b["terminated"])}


# ---------------------------------------------------------------------------------------
# Networks (PyTorch default initialisation from the global generator).

def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class SquashedGaussianActor(nn.Module):
    """SB3's SAC Actor: latent_pi, then mu and log_std heads (named like Zoo's MultiHeadNetwork)."""

    def __init__(self, obs, hidden, dims):
        super().__init__()
        self.trunk = mlp([obs] + hidden + [hidden[-1]])[:-1]  # Linear, ReLU, …, Linear, ReLU
        self.heads = nn.ModuleDict({"mean": nn.Linear(hidden[-1], dims), "log_std": nn.Linear(hidden[-1], dims)})

    def forward(self, obs):
        features = self.trunk(obs)
        log_std = torch.clamp(self.heads["log_std"](features), LOG_STD_MIN, LOG_STD_MAX)
        return self.heads["mean"](features), log_std


def squashed_sample(actor, obs, noise):
    """SB3's actor.action_log_prob with rsample's noise given: (actions, log_prob [batch])."""
    mean, log_std = actor(obs)
    std = torch.ones_like(mean) * log_std.exp()
    gaussian_actions = mean + noise * std  # Normal.rsample: loc + eps * scale
    actions = torch.tanh(gaussian_actions)
    log_prob = Normal(mean, std).log_prob(gaussian_actions).sum(dim=1)
    log_prob = log_prob - torch.sum(torch.log(1 - actions ** 2 + SQUASH_EPSILON), dim=1)
    return actions, log_prob


def q_values(critic, obs, actions):
    return critic(torch.cat([obs, actions], dim=1))


def polyak_update(params, target_params, tau):
    with torch.no_grad():
        for param, target_param in zip(params, target_params, strict=True):
            target_param.data.mul_(1 - tau)
            torch.add(target_param.data, param.data, alpha=tau, out=target_param.data)


def perturbed(module, g, scale):
    copy = [p.detach().clone() for p in module.parameters()]
    with torch.no_grad():
        for p in module.parameters():
            p.add_(scale * torch.randn(p.shape, generator=g))
    return copy


# ---------------------------------------------------------------------------------------
# Data.

def grid(g, shape, steps=64):
    """Uniform values in [-1, 1] on a grid of 1/steps: exact in float32, so scaling to and
    from an action space's bounds is exact on both sides."""
    return torch.randint(-steps, steps + 1, shape, generator=g).to(F32) / steps


def continuous_batch(g, n, obs, low, high):
    scaled = grid(g, (n, len(low)))
    lo, hi = torch.tensor(low), torch.tensor(high)
    env_actions = lo + 0.5 * (scaled + 1) * (hi - lo)
    back = (2.0 * ((env_actions.numpy() - np.float32(low)) / (np.float32(high) - np.float32(low))) - 1.0)
    assert np.array_equal(back.astype(np.float32), scaled.numpy())  # SB3's scale_action, exactly
    return {"obs": torch.randn(n, obs, generator=g), "actions": env_actions, "scaled": scaled,
            "rewards": torch.randn(n, generator=g), "next_obs": torch.randn(n, obs, generator=g),
            "terminated": (torch.rand(n, generator=g) < 0.3).to(F32)}


def rows(b, indices):
    return {k: v[indices] for k, v in b.items()}


def random_check():
    seed, bound = 20240612, 13
    ints_stream, normal_stream = SeededRandom(seed), SeededRandom(seed)
    return {"seed": seed, "bound": bound, "ints": [ints_stream.next_int(bound) for _ in range(8)],
            "normals": [normal_stream.next_normal() for _ in range(8)]}


# ---------------------------------------------------------------------------------------
# DQN.

def dqn_targets(q, q_target, b, gamma, double):
    with torch.no_grad():
        next_q = q_target(b["next_obs"])
        if double:
            choice = q(b["next_obs"]).argmax(dim=1, keepdim=True)
            bootstrap = next_q.gather(1, choice).reshape(-1)
        else:
            bootstrap, _ = next_q.max(dim=1)
        return b["rewards"] + (1 - b["terminated"]) * gamma * bootstrap


def dqn_loss(q, targets, b):
    current = torch.gather(q(b["obs"]), dim=1, index=b["actions"].long().reshape(-1, 1)).reshape(-1)
    return F.smooth_l1_loss(current, targets), current


def dqn(g):
    obs, n_actions, hidden, gamma = 4, 3, [16, 16], 0.98
    lr, batch_size, gradient_steps, max_grad_norm, buffer_rows, seed = 3e-3, 8, 2, 0.5, 10, 77
    recipe = (f"{{name: dqn, learning_starts: 0, batch_size: {batch_size}, gamma: {gamma}, "
              f"gradient_steps: {gradient_steps}, max_grad_norm: {max_grad_norm}, target_update_interval: 1000000, "
              f"networks: {{q: {{hidden: {hidden}, lr: {lr}}}}}}}")
    torch.manual_seed(1)
    q, q_target = mlp([obs] + hidden + [n_actions]), mlp([obs] + hidden + [n_actions])
    initial = weights(q)

    def discrete_batch(n):
        return {"obs": torch.randn(n, obs, generator=g) * 1.5,
                "actions": torch.randint(0, n_actions, (n, 1), generator=g).to(F32),
                "rewards": torch.randn(n, generator=g), "next_obs": torch.randn(n, obs, generator=g) * 1.5,
                "terminated": (torch.rand(n, generator=g) < 0.3).to(F32)}

    b = discrete_batch(8)
    targets = dqn_targets(q, q_target, b, gamma, double=False)
    targets_double = dqn_targets(q, q_target, b, gamma, double=True)
    assert not torch.equal(targets, targets_double)
    loss, _ = dqn_loss(q, targets, b)
    grads = torch.autograd.grad(loss, list(q.parameters()))
    q_grads = {name: tensor(gr) for (name, _), gr in zip(q.named_parameters(), grads)}

    # Zoo's DQN.update end to end: rows drawn by SeededRandom, SB3's train() per step.
    buffer = discrete_batch(buffer_rows)
    optimizer = torch.optim.Adam(q.parameters(), lr=lr)
    rng = SeededRandom(seed)
    indices, losses, q_means, norms = [], [], [], []
    for _ in range(gradient_steps):
        idx = [rng.next_int(buffer_rows) for _ in range(batch_size)]
        mb = rows(buffer, idx)
        y = dqn_targets(q, q_target, mb, gamma, double=False)
        step_loss, current = dqn_loss(q, y, mb)
        optimizer.zero_grad()
        step_loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(q.parameters(), max_grad_norm)
        assert float(norm) > max_grad_norm  # the clip is active
        optimizer.step()
        indices.append(idx)
        losses.append(number(step_loss.detach()))
        q_means.append(number(current.detach().mean()))
        norms.append(number(norm))
    return {"recipe": recipe, "observation_width": obs, "actions": n_actions, "gamma": gamma,
            "q": initial, "q_target": weights(q_target), "batch": batch_json(b),
            "targets": tensor(targets), "targets_double": tensor(targets_double), "loss": number(loss.detach()),
            "q_grads": q_grads,
            "update": {"seed": seed, "buffer": batch_json(buffer), "indices": indices, "losses": losses,
                       "q_means": q_means, "gradient_norms": norms, "q_after": weights(q)}}


# ---------------------------------------------------------------------------------------
# SAC.

SAC_OBS, SAC_LOW, SAC_HIGH, SAC_HIDDEN = 3, [-2.0, 0.0], [2.0, 1.0], [16, 16]


def sac_case(g, name, ent_coef, seed, steps, gamma=0.98, tau=0.05, lr=3e-3, batch_size=8):
    dims = len(SAC_LOW)
    target_entropy = -float(dims)
    recipe = (f"{{name: sac, batch_size: {batch_size}, gamma: {gamma}, tau: {tau}, ent_coef: {ent_coef}, "
              f"networks: {{actor: {{hidden: {SAC_HIDDEN}, lr: {lr}}}, critic: {{hidden: {SAC_HIDDEN}, lr: {lr}}}}}}}")
    torch.manual_seed(seed)
    actor = SquashedGaussianActor(SAC_OBS, SAC_HIDDEN, dims)
    with torch.no_grad():
        actor.heads["log_std"].bias.copy_(torch.tensor([2.3, -0.4]))  # dimension 0 above LOG_STD_MAX: clamped
    critics = [mlp([SAC_OBS + dims] + SAC_HIDDEN + [1]) for _ in range(2)]
    targets = [mlp([SAC_OBS + dims] + SAC_HIDDEN + [1]) for _ in range(2)]
    for t, c in zip(targets, critics):  # targets trail the critics: a copy, moved
        t.load_state_dict(c.state_dict())
        perturbed(t, g, 0.05)
    tuned = isinstance(ent_coef, str)
    log_alpha = torch.log(torch.ones(1) * float(ent_coef[5:])).requires_grad_(True) if tuned else None
    fixed = torch.tensor(float(ent_coef)) if not tuned else None
    alpha_optimizer = torch.optim.Adam([log_alpha], lr=lr) if tuned else None
    actor_optimizer = torch.optim.Adam(actor.parameters(), lr=lr)
    critic_params = [p for c in critics for p in c.parameters()]
    critic_optimizer = torch.optim.Adam(critic_params, lr=lr)
    out = {"name": name, "recipe": recipe, "target_entropy": target_entropy, "actor": weights(actor),
           "critic_1": weights(critics[0]), "critic_2": weights(critics[1]),
           "critic_target_1": weights(targets[0]), "critic_target_2": weights(targets[1]), "steps": []}
    clamped = False
    for _ in range(steps):
        b = continuous_batch(g, batch_size, SAC_OBS, SAC_LOW, SAC_HIGH)
        noise, next_noise = torch.randn(batch_size, dims, generator=g), torch.randn(batch_size, dims, generator=g)
        clamped |= bool((actor.heads["log_std"](actor.trunk(b["obs"])) > LOG_STD_MAX).any())
        actions_pi, log_prob = squashed_sample(actor, b["obs"], noise)
        log_prob = log_prob.reshape(-1, 1)
        step = {"batch": batch_json(b), "noise": tensor(noise), "next_noise": tensor(next_noise),
                "actions_pi": tensor(actions_pi), "log_prob": tensor(log_prob.reshape(-1))}
        if tuned:
            ent = torch.exp(log_alpha.detach())
            ent_loss = -(log_alpha * (log_prob + target_entropy).detach()).mean()
            alpha_optimizer.zero_grad()
            ent_loss.backward()
            alpha_optimizer.step()
            step["ent_coef_loss"] = number(ent_loss.detach())
        else:
            ent = fixed
            step["ent_coef_loss"] = 0.0
        step["ent_coef"] = number(ent)
        with torch.no_grad():
            next_actions, next_log_prob = squashed_sample(actor, b["next_obs"], next_noise)
            next_q = torch.cat([q_values(t, b["next_obs"], next_actions) for t in targets], dim=1)
            next_q, _ = torch.min(next_q, dim=1, keepdim=True)
            step["next_actions"] = tensor(next_actions)
            step["next_log_prob"] = tensor(next_log_prob)
            step["next_q_min"] = tensor(next_q.reshape(-1))
            next_q = next_q - ent * next_log_prob.reshape(-1, 1)
            target_q = b["rewards"].reshape(-1, 1) + (1 - b["terminated"].reshape(-1, 1)) * gamma * next_q
        step["target_q"] = tensor(target_q.reshape(-1))
        current = [q_values(c, b["obs"], b["scaled"]) for c in critics]
        critic_loss = 0.5 * sum(F.mse_loss(cq, target_q) for cq in current)
        critic_optimizer.zero_grad()
        critic_loss.backward()
        critic_optimizer.step()
        q_pi = torch.cat([q_values(c, b["obs"], actions_pi) for c in critics], dim=1)
        min_q_pi, _ = torch.min(q_pi, dim=1, keepdim=True)
        actor_loss = (ent * log_prob - min_q_pi).mean()
        actor_optimizer.zero_grad()
        actor_loss.backward()
        actor_optimizer.step()
        polyak_update(critic_params, [p for t in targets for p in t.parameters()], tau)
        step.update({"critic_loss": number(critic_loss.detach()), "actor_loss": number(actor_loss.detach()),
                     "after": {"actor": weights(actor), "critic_1": weights(critics[0]),
                               "critic_2": weights(critics[1]), "critic_target_1": weights(targets[0]),
                               "critic_target_2": weights(targets[1]),
                               "log_alpha": tensor(log_alpha) if tuned else None}})
        out["steps"].append(step)
    assert clamped
    return out


def sac(g):
    return {"observation_width": SAC_OBS, "low": SAC_LOW, "high": SAC_HIGH,
            "cases": [sac_case(g, "auto_entropy_two_steps", "auto_0.5", 2, steps=2),
                      sac_case(g, "fixed_entropy", 0.2, 3, steps=1)]}


# ---------------------------------------------------------------------------------------
# TD3.

def td3(g):
    obs, low, high, hidden = 3, [-2.0, 0.0], [2.0, 1.0], [16, 16]
    dims = len(low)
    gamma, tau, lr, batch_size, gradient_steps, policy_delay = 0.98, 0.05, 3e-3, 8, 3, 2
    sigma, clip, buffer_rows, seed = 0.4, 0.5, 10, 91
    recipe = (f"{{name: td3, learning_starts: 0, batch_size: {batch_size}, gamma: {gamma}, tau: {tau}, "
              f"gradient_steps: {gradient_steps}, policy_delay: {policy_delay}, target_policy_noise: {sigma}, "
              f"target_noise_clip: {clip}, networks: {{actor: {{hidden: {hidden}, lr: {lr}}}, "
              f"critic: {{hidden: {hidden}, lr: {lr}}}}}}}")
    torch.manual_seed(4)
    actor = nn.Sequential(mlp([obs] + hidden + [dims]), nn.Tanh())
    actor_target = nn.Sequential(mlp([obs] + hidden + [dims]), nn.Tanh())
    actor_target.load_state_dict(actor.state_dict())
    perturbed(actor_target, g, 0.05)
    critics = [mlp([obs + dims] + hidden + [1]) for _ in range(2)]
    targets = [mlp([obs + dims] + hidden + [1]) for _ in range(2)]
    for t, c in zip(targets, critics):
        t.load_state_dict(c.state_dict())
        perturbed(t, g, 0.05)
    before = {"actor": weights(actor), "actor_target": weights(actor_target), "critic_1": weights(critics[0]),
              "critic_2": weights(critics[1]), "critic_target_1": weights(targets[0]),
              "critic_target_2": weights(targets[1])}
    buffer = continuous_batch(g, buffer_rows, obs, low, high)

    def train(critic_loss_scale):
        """TD3.update from `before`; SB3's critic loss is scaled by 1."""
        load = lambda module, w: module.load_state_dict({k: torch.tensor(v["data"]).reshape(v["shape"])
                                                          for k, v in w.items()})
        for module, name in [(actor, "actor"), (actor_target, "actor_target"), (critics[0], "critic_1"),
                             (critics[1], "critic_2"), (targets[0], "critic_target_1"), (targets[1], "critic_target_2")]:
            load(module, before[name])
        critic_params = [p for c in critics for p in c.parameters()]
        actor_optimizer = torch.optim.Adam(actor.parameters(), lr=lr)
        critic_optimizer = torch.optim.Adam(critic_params, lr=lr)
        rng = SeededRandom(seed)
        steps, n_updates, clipped = [], 0, False
        for _ in range(gradient_steps):
            n_updates += 1
            idx = [rng.next_int(buffer_rows) for _ in range(batch_size)]
            b = rows(buffer, idx)
            eps = rng.normals32((batch_size, dims))
            with torch.no_grad():
                noise = (eps * sigma).clamp(-clip, clip)
                clipped |= bool((eps * sigma).abs().gt(clip).any())
                next_actions = (actor_target(b["next_obs"]) + noise).clamp(-1, 1)
                next_q = torch.cat([q_values(t, b["next_obs"], next_actions) for t in targets], dim=1)
                next_q, _ = torch.min(next_q, dim=1, keepdim=True)
                target_q = b["rewards"].reshape(-1, 1) + (1 - b["terminated"].reshape(-1, 1)) * gamma * next_q
            current = [q_values(c, b["obs"], b["scaled"]) for c in critics]
            critic_loss = sum(F.mse_loss(cq, target_q) for cq in current)
            if critic_loss_scale != 1:
                critic_loss = critic_loss_scale * critic_loss
            critic_optimizer.zero_grad()
            critic_loss.backward()
            critic_optimizer.step()
            step = {"indices": idx, "noise": tensor(eps), "next_actions": tensor(next_actions),
                    "target_q": tensor(target_q.reshape(-1)), "critic_loss": number(critic_loss.detach()),
                    "actor_loss": None}
            if n_updates % policy_delay == 0:
                actor_loss = -q_values(critics[0], b["obs"], actor(b["obs"])).mean()
                actor_optimizer.zero_grad()
                actor_loss.backward()
                actor_optimizer.step()
                polyak_update(critic_params, [p for t in targets for p in t.parameters()], tau)
                polyak_update(list(actor.parameters()), list(actor_target.parameters()), tau)
                step["actor_loss"] = number(actor_loss.detach())
            steps.append(step)
        assert clipped
        after = {"actor": weights(actor), "actor_target": weights(actor_target), "critic_1": weights(critics[0]),
                 "critic_2": weights(critics[1]), "critic_target_1": weights(targets[0]),
                 "critic_target_2": weights(targets[1])}
        return steps, after

    steps, after = train(1.0)

    # GaussianActionNoise alone: smoothing of the initial target actor's actions.
    smooth_seed = 5
    with torch.no_grad():
        mu = nn.Sequential(mlp([obs] + hidden + [dims]), nn.Tanh())
        mu.load_state_dict({k: torch.tensor(v["data"]).reshape(v["shape"]) for k, v in before["actor_target"].items()})
        raw = mu(buffer["next_obs"]) * 1.5  # some actions near the bounds
        raw = raw.clamp(-1, 1)
        eps = SeededRandom(smooth_seed).normals32(tuple(raw.shape))
        smoothed = (raw + (eps * sigma).clamp(-clip, clip)).clamp(-1, 1)
    return {"recipe": recipe, "observation_width": obs, "low": low, "high": high, "seed": seed,
            "buffer": batch_json(buffer), "before": before, "steps": steps, "after": after,
            "smoothing": {"seed": smooth_seed, "sigma": sigma, "clip": clip, "actions": tensor(raw),
                          "noise": tensor(eps), "smoothed": tensor(smoothed)}}


def main():
    g = torch.Generator().manual_seed(20240612)
    doc = {"generator": "scripts/offpolicy_loss_fixtures.py", "versions": {"torch": torch.__version__},
           "random_check": random_check(), "dqn": dqn(g), "sac": sac(g), "td3": td3(g)}
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
