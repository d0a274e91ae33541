"""Reference values for GRPO's loss options, computed in PyTorch from TRL's GRPOTrainer
formulas (trl/trainer/grpo_trainer.py: _compute_loss and the advantage code), with a
trajectory for a completion and a step for a token.

Run: python scripts/grpo_loss_fixtures.py  -> Tests/ZooTests/Fixtures/grpo_losses.json

Advantages (scale_rewards): A = R - mean_group(R), divided by std_group(R) + EPS (group),
std(R over the batch) + EPS (batch) or nothing (none); std is torch's (n - 1). EPS is Zoo's
1e-8 (TRL adds 1e-4). Outcome supervision: R is the discounted return, the same for every
step of a trajectory. reward_to_go: R is each step's discounted return-to-go G_t, compared
with the group's generations still running at t (0 where fewer than two are); the batch std
is over every valid step.

Per-token loss (TRL):
  r = exp(logp - old_logp)           # old_logp = logp.detach() when on_policy (one epoch)
  l = -min(r * A, clamp(r, 1 - epsilon, 1 + epsilon_high) * A) + beta * k3
  k3 = exp(ref - logp) - (ref - logp) - 1
Aggregation over mask [traj, step] (loss_type):
  grpo    ((l * mask).sum(-1) / mask.sum(-1).clamp(min=1)).mean()
  bnpo    (l * mask).sum() / mask.sum().clamp(min=1)
  dr_grpo (l * mask).sum() / (trajectories * max_completion_length)   # = padded steps
  dapo    (l * mask).sum() / num_items_in_batch                       # = mask.sum(), one process
Zoo adds an entropy bonus: total = loss - entropy_coef * mean over valid steps of H.
Gradients of the total with respect to logp and H are recorded too.
"""
import json
import pathlib

import torch

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "ZooTests" / "Fixtures" / "grpo_losses.json"
EPS = 1e-8
r9 = lambda t: [float(f"{v:.9g}") for v in t.detach().flatten().tolist()]


def advantages(rewards, valid, k, gamma, scale, to_go):
    """rewards, valid: [step, traj] with traj = group * k + gen. Returns A [step, traj]."""
    steps, n = rewards.shape
    groups = n // k
    r = rewards * valid
    if not to_go:
        R = (r * gamma ** torch.arange(steps, dtype=torch.float64)[:, None]).sum(0).view(groups, k)
        centred = R - R.mean(1, keepdim=True)
        if scale == "group":
            centred = centred / (R.std(1, keepdim=True) + EPS)
        elif scale == "batch":
            centred = centred / (R.std() + EPS)
        return centred.reshape(1, n) * valid
    g = torch.zeros_like(r)
    running = torch.zeros(n, dtype=r.dtype)
    for t in reversed(range(steps)):
        running = r[t] + gamma * running
        g[t] = running
    a = torch.zeros_like(r)
    flat_valid = valid.bool()
    batch_std = g[flat_valid].std()
    for t in range(steps):
        for grp in range(groups):
            cols = [grp * k + j for j in range(k) if valid[t, grp * k + j] > 0]
            if len(cols) < 2:
                continue
            values = g[t, cols]
            centred = values - values.mean()
            if scale == "group":
                centred = centred / (values.std() + EPS)
            elif scale == "batch":
                centred = centred / (batch_std + EPS)
            a[t, cols] = centred
    return a


def aggregate(per_token, mask, loss_type):
    """per_token, mask: [traj, step] as in TRL."""
    if loss_type == "grpo":
        return ((per_token * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)).mean()
    if loss_type == "bnpo":
        return (per_token * mask).sum() / mask.sum().clamp(min=1.0)
    if loss_type == "dr_grpo":
        return (per_token * mask).sum() / (per_token.size(0) * per_token.size(1))
    if loss_type == "dapo":
        num_items_in_batch = mask.sum()
        return (per_token * mask).sum() / num_items_in_batch
    raise ValueError(loss_type)


def case(name, groups, k, steps, seed, gamma, supervision, scale, loss_type, epsilon, epsilon_high, beta,
         entropy_coef, on_policy):
    gen = torch.Generator().manual_seed(seed)
    n = groups * k
    rewards = torch.randn(steps, n, generator=gen, dtype=torch.float64)
    lengths = torch.randint(1, steps + 1, (n,), generator=gen)
    lengths[torch.randint(0, n, (1,), generator=gen)] = steps  # the padded length is the longest trajectory
    valid = (torch.arange(steps)[:, None] < lengths[None, :]).double()
    rewards = rewards * valid
    logp = (torch.randn(steps, n, generator=gen, dtype=torch.float64) * 0.5 - 1.0)
    old = logp + 0.3 * torch.randn(steps, n, generator=gen, dtype=torch.float64)
    ref = logp + 0.2 * torch.randn(steps, n, generator=gen, dtype=torch.float64)
    entropy = torch.rand(steps, n, generator=gen, dtype=torch.float64) + 0.5
    # Round the inputs to float32 first so that both sides start from the same numbers.
    rewards, logp, old, ref, entropy = (x.float().double() for x in (rewards, logp, old, ref, entropy))

    A = advantages(rewards, valid, k, gamma, scale, supervision == "reward_to_go")
    lp = logp.clone().requires_grad_(True)
    h = entropy.clone().requires_grad_(True)
    old_lp = lp.detach() if on_policy else old
    # TRL's layout is [completion, token]: transpose.
    lpT, oldT, refT, AT, mask, hT = lp.T, old_lp.T, ref.T, A.T, valid.T, h.T
    coef_1 = torch.exp(lpT - oldT)
    coef_2 = torch.clamp(coef_1, 1 - epsilon, 1 + epsilon_high)
    policy_term = -torch.min(coef_1 * AT, coef_2 * AT)
    per_token_loss = policy_term
    kl = None
    if beta != 0.0:
        per_token_kl = torch.exp(refT - lpT) - (refT - lpT) - 1
        per_token_loss = per_token_loss + beta * per_token_kl
        kl = aggregate(per_token_kl, mask, loss_type)
    loss = aggregate(per_token_loss, mask, loss_type)
    entropy_mean = (hT * mask).sum() / mask.sum()
    total = loss - entropy_coef * entropy_mean
    total.backward()
    return {"name": name, "groups": groups, "generations": k, "steps": steps, "gamma": gamma,
            "supervision": supervision, "scale_rewards": scale, "loss_type": loss_type,
            "epsilon": epsilon, "epsilon_high": epsilon_high, "beta": beta, "entropy_coef": entropy_coef,
            "on_policy": on_policy,
            "rewards": r9(rewards), "valid": r9(valid), "log_probs": r9(logp), "old_log_probs": r9(old),
            "ref_log_probs": r9(ref), "entropy": r9(entropy),
            "advantages": r9(A), "actor_loss": float(aggregate(policy_term, mask, loss_type).detach()),
            "kl": None if kl is None else float(kl.detach()), "entropy_mean": float(entropy_mean.detach()),
            "total": float(total.detach()),
            "grad_log_probs": r9(lp.grad), "grad_entropy": r9(h.grad)}


def main():
    cases = [
        case("grpo_group_outcome", 3, 4, 9, 10, 0.99, "outcome", "group", "grpo", 0.2, 0.2, 0.0, 0.0, False),
        case("bnpo_batch_outcome_beta", 2, 4, 8, 11, 0.95, "outcome", "batch", "bnpo", 0.2, 0.28, 0.04, 0.0, False),
        case("dr_grpo_none_outcome", 4, 3, 7, 12, 1.0, "outcome", "none", "dr_grpo", 0.1, 0.3, 0.1, 0.0, False),
        case("dapo_group_to_go_clip_higher", 2, 5, 10, 13, 0.9, "reward_to_go", "group", "dapo", 0.2, 0.28, 0.0, 0.01, False),
        case("grpo_batch_to_go_beta", 3, 3, 6, 14, 0.99, "reward_to_go", "batch", "grpo", 0.15, 0.25, 0.5, 0.0, False),
        case("dr_grpo_none_to_go", 2, 4, 8, 15, 0.97, "reward_to_go", "none", "dr_grpo", 0.2, 0.2, 0.0, 0.02, False),
        case("dapo_on_policy_beta", 2, 4, 7, 16, 0.99, "outcome", "group", "dapo", 0.2, 0.2, 0.05, 0.01, True),
        case("bnpo_group_to_go_wide", 1, 8, 12, 17, 0.99, "reward_to_go", "group", "bnpo", 0.3, 0.5, 0.2, 0.0, False),
    ]
    OUT.write_text(json.dumps({"generator": "scripts/grpo_loss_fixtures.py",
                               "versions": {"torch": torch.__version__}, "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
