"""Reference values for Zoo's A2C and PPO losses, in PyTorch (Stable-Baselines3 conventions).

Run: venv/bin/python scripts/loss_fixtures.py  -> Tests/ZooTests/Fixtures/losses.json

PPO (per minibatch):
  ratio = exp(logp - old_logp); A normalised as (A - mean) / (std + 1e-8) (torch std, n-1)
  policy = -mean(min(ratio*A, clamp(ratio, 1-eps, 1+eps)*A))
  V' = old_V + clamp(V - old_V, -c, c) when clip_vf = c, else V;  value = mean((R - V')^2)
A2C (over valid steps, mask m):
  policy = -sum(A*logp*m)/sum(m); value = sum((V-R)^2*m)/sum(m); entropy = sum(H*m)/sum(m)
Policy terms: log-probabilities and entropies come from Categorical(logits) or
Normal(mean, exp(log_std)) summed over action dimensions; gradients flow to those inputs.
Total = policy + vf_coef*value - ent_coef*entropy; gradients of the total are stored.
"""
import json
import pathlib

import torch
from torch.distributions import Categorical, Normal

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "ZooTests" / "Fixtures" / "losses.json"
r9 = lambda t: [float(f"{v:.9g}") for v in t.detach().flatten().tolist()]


def tensor(t):
    return {"shape": list(t.shape), "data": r9(t)}


def policy_terms(kind, g, batch):
    if kind == "categorical":
        logits = torch.randn(batch, 4, generator=g, requires_grad=True)
        actions = torch.randint(0, 4, (batch,), generator=g)
        d = Categorical(logits=logits)
        return {"logits": logits}, actions, d.log_prob(actions), d.entropy()
    mean = torch.randn(batch, 2, generator=g, requires_grad=True)
    log_std = (0.3 * torch.randn(2, generator=g)).requires_grad_(True)
    actions = torch.randn(batch, 2, generator=g)
    d = Normal(mean, log_std.exp())
    return {"mean": mean, "log_std": log_std}, actions, d.log_prob(actions).sum(-1), d.entropy().sum(-1)


def ppo_case(name, kind, seed, clip, clip_vf, normalize, vf_coef, ent_coef, batch=8):
    g = torch.Generator().manual_seed(seed)
    params, actions, logp, entropy = policy_terms(kind, g, batch)
    old_logp = (logp.detach() + 0.3 * torch.randn(batch, generator=g))
    adv = torch.randn(batch, generator=g) * 2
    values = torch.randn(batch, generator=g, requires_grad=True)
    old_values = values.detach() + 0.5 * torch.randn(batch, generator=g)
    returns = torch.randn(batch, generator=g)
    a = (adv - adv.mean()) / (adv.std() + 1e-8) if normalize else adv
    ratio = torch.exp(logp - old_logp)
    policy = -torch.min(ratio * a, torch.clamp(ratio, 1 - clip, 1 + clip) * a).mean()
    v = old_values + torch.clamp(values - old_values, -clip_vf, clip_vf) if clip_vf is not None else values
    value = ((returns - v) ** 2).mean()
    ent = entropy.mean()
    total = policy + vf_coef * value - ent_coef * ent
    total.backward()
    inputs = {k: tensor(p) for k, p in params.items()}
    grads = {k: tensor(p.grad) for k, p in params.items()}
    grads["values"] = tensor(values.grad)
    return {"name": name, "algorithm": "ppo", "policy": kind, "clip_range": clip, "clip_range_vf": clip_vf,
            "normalize_advantage": normalize, "value_coef": vf_coef, "entropy_coef": ent_coef,
            "inputs": inputs, "actions": tensor(actions.float()), "old_log_probs": tensor(old_logp),
            "advantages": tensor(adv), "values": tensor(values), "old_values": tensor(old_values),
            "returns": tensor(returns), "mask": None,
            "policy_loss": float(policy), "value_loss": float(value), "entropy": float(ent), "grads": grads}


def a2c_case(name, kind, seed, vf_coef, ent_coef, batch=10):
    g = torch.Generator().manual_seed(seed)
    params, actions, logp, entropy = policy_terms(kind, g, batch)
    adv = torch.randn(batch, generator=g)
    values = torch.randn(batch, generator=g, requires_grad=True)
    returns = torch.randn(batch, generator=g)
    mask = (torch.rand(batch, generator=g) > 0.2).float()
    n = mask.sum()
    policy = -(adv * logp * mask).sum() / n
    value = (((values - returns) ** 2) * mask).sum() / n
    ent = (entropy * mask).sum() / n
    total = policy + vf_coef * value - ent_coef * ent
    total.backward()
    grads = {k: tensor(p.grad) for k, p in params.items()}
    grads["values"] = tensor(values.grad)
    return {"name": name, "algorithm": "a2c", "policy": kind, "clip_range": None, "clip_range_vf": None,
            "normalize_advantage": False, "value_coef": vf_coef, "entropy_coef": ent_coef,
            "inputs": {k: tensor(p) for k, p in params.items()}, "actions": tensor(actions.float()),
            "old_log_probs": None, "advantages": tensor(adv), "values": tensor(values), "old_values": None,
            "returns": tensor(returns), "mask": tensor(mask),
            "policy_loss": float(policy), "value_loss": float(value), "entropy": float(ent), "grads": grads}


def main():
    cases = [
        # The seed course's PPO exercise settings: clip 0.2, value and entropy terms.
        ppo_case("ppo_exercise_categorical", "categorical", 0, 0.2, None, True, 0.5, 0.01),
        ppo_case("ppo_exercise_unnormalised", "categorical", 1, 0.2, None, False, 1.0, 0.0),
        ppo_case("ppo_value_clipping", "categorical", 2, 0.1, 0.2, True, 0.5, 0.0),
        ppo_case("ppo_gaussian", "gaussian", 3, 0.2, None, True, 0.5, 0.001),
        ppo_case("ppo_gaussian_value_clip", "gaussian", 4, 0.3, 0.5, True, 0.25, 0.0),
        a2c_case("a2c_categorical", "categorical", 5, 0.5, 0.01),
        a2c_case("a2c_tutorial_terms", "categorical", 6, 1.0, 0.01),
        a2c_case("a2c_gaussian", "gaussian", 7, 0.5, 0.0),
    ]
    OUT.write_text(json.dumps({"generator": "scripts/loss_fixtures.py", "versions": {"torch": torch.__version__},
                               "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
