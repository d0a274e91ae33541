"""Reference values for GRPO's group-relative advantages, computed with einx on PyTorch
from the seeds' expressions.

Run: venv/bin/python scripts/grpo_fixtures.py  -> Tests/ZooTests/Fixtures/grpo_advantages.json

rewards [step, (group gen)] (zero after each trajectory ends; `valid` marks real steps):
  r = einx.id("step (group gen) -> group gen step", rewards * valid, gen=k)
  R = einx.sum("group gen [step]", r * gamma**step)
  A = (R - einx.mean("group [gen]", R)) / (einx.std("group [gen]", R) + 1e-8)   # scale_rewards: group
  A = (R - einx.mean("group [gen]", R)) / (einx.std("[group gen]", R) + 1e-8)   # scale_rewards: batch
  A = R - einx.mean("group [gen]", R)                                              # none (Dr. GRPO)
outcome supervision: every valid step of generation j gets A_j;
reward_to_go: G_t = sum_{t'>=t} gamma^(t'-t) r_t', compared with the siblings still running at
  the same step: (G_t - mean_gen G_t) / (std_gen G_t + 1e-8) over valid generations (n-1)
  (batch: the std of G_t over every valid step), 0 where fewer than two generations are running.
"""
import json
import pathlib

import einx
import torch

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "ZooTests" / "Fixtures" / "grpo_advantages.json"
r9 = lambda t: [float(f"{v:.9g}") for v in t.detach().flatten().tolist()]


def advantages(rewards, valid, k, gamma, scale, to_go):
    steps = rewards.shape[0]
    discount = gamma ** torch.arange(steps, dtype=torch.float32)
    r = einx.id("step (group gen) -> group gen step", rewards * valid, gen=k)
    R = einx.sum("group gen [step]", einx.multiply("group gen step, step -> group gen step", r, discount))
    m = einx.mean("group [gen]", R)
    if not to_go:
        s = {"group": einx.std("group [gen]", R) + 1e-8, "batch": einx.std("[group gen]", R) + 1e-8 + torch.zeros_like(m),
             "none": torch.ones_like(m)}[scale]
        a = einx.divide("group gen, group -> group gen", einx.subtract("group gen, group -> group gen", R, m), s)
        return einx.multiply("group gen, step (group gen) -> step (group gen)", a, valid, gen=k), R
    g = torch.zeros_like(rewards)
    running = torch.zeros(rewards.shape[1])
    for t in reversed(range(steps)):
        running = rewards[t] * valid[t] + gamma * running
        g[t] = running
    g = einx.id("step (group gen) -> step group gen", g, gen=k)
    v = einx.id("step (group gen) -> step group gen", valid, gen=k)
    count = einx.sum("step group [gen]", v)
    step_mean = einx.sum("step group [gen]", g * v) / count.clamp(min=1)
    centred = einx.subtract("step group gen, step group -> step group gen", g, step_mean) * v
    a = centred
    if scale == "group":
        var = einx.sum("step group [gen]", centred ** 2) / (count - 1).clamp(min=1)
        a = einx.divide("step group gen, step group -> step group gen", centred, var.sqrt() + 1e-8)
    elif scale == "batch":
        a = centred / (g[v > 0].std() + 1e-8)
    a = einx.multiply("step group gen, step group -> step group gen", a * v, (count > 1).float())
    return einx.id("step group gen -> step (group gen)", a), R


def case(name, groups, k, steps, seed, gamma, scale, to_go):
    gen = torch.Generator().manual_seed(seed)
    rewards = torch.randn(steps, groups * k, generator=gen)
    lengths = torch.randint(1, steps + 1, (groups * k,), generator=gen)
    valid = (torch.arange(steps)[:, None] < lengths[None, :]).float()
    rewards = rewards * valid
    a, R = advantages(rewards, valid, k, gamma, scale, to_go)
    return {"name": name, "groups": groups, "generations": k, "steps": steps, "gamma": gamma,
            "scale_rewards": scale, "reward_to_go": to_go,
            "rewards": r9(rewards), "valid": r9(valid), "advantages": r9(a), "returns": r9(R)}


def main():
    cases = [
        case("seed_layout_normalized", 10, 4, 12, 0, 0.999, "group", False),
        case("dr_grpo_unnormalized", 3, 4, 9, 1, 0.99, "none", False),
        case("reward_to_go", 2, 3, 7, 2, 0.9, "group", True),
        case("reward_to_go_dr", 2, 5, 6, 3, 1.0, "none", True),
        case("two_generations", 4, 2, 8, 4, 0.95, "group", False),
        case("batch_scaled", 3, 4, 9, 5, 0.99, "batch", False),
        case("reward_to_go_batch_scaled", 2, 4, 8, 6, 0.97, "batch", True),
    ]
    OUT.write_text(json.dumps({"generator": "scripts/grpo_fixtures.py",
                               "versions": {"torch": torch.__version__, "einx": einx.__version__},
                               "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
