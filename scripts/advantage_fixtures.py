"""Reference values for Zoo's advantage estimators (GAE, n-step returns), in PyTorch.

Run: venv/bin/python scripts/advantage_fixtures.py
Writes Tests/ZooTests/Fixtures/advantages.json.

Layout: every array is time-major [T, N] (T rollout steps, N environment copies).
  rewards[t, i]      reward of step t in copy i
  values[t, i]       V(o_t), the value of the observation the action was taken in
  next_values[t, i]  V of the real next observation: V(o_{t+1}) inside an episode, the value
                     of the final observation on a truncated step, V(o_T) on the last step
  terminated, truncated  flags of step t (0/1)
  valid[t, i]        0 for next-step-autoreset reset transitions (masked out), else 1

GAE (Schulman et al. 2016):
  delta_t = r_t + gamma * next_value_t * (1 - terminated_t) - V_t
  A_t = delta_t + gamma * lambda * (1 - done_t) * A_{t+1}, done = terminated or truncated
  returns = A + V; invalid steps get A = 0, returns = 0.
n-step returns: Q_t = sum_{k<m} gamma^k r_{t+k} + gamma^m * next_value_{t+m-1} * (1 - terminated_{t+m-1}),
  where m <= n stops at the first done step (inclusive) or at the end of the rollout.
"""
import json
import pathlib

import torch

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "ZooTests" / "Fixtures" / "advantages.json"


def gae(rewards, values, next_values, terminated, truncated, valid, gamma, lam):
    T, N = rewards.shape
    adv = torch.zeros(T, N, dtype=torch.float32)
    last = torch.zeros(N, dtype=torch.float32)
    gamma_t = torch.tensor(gamma, dtype=torch.float32)
    gl = torch.tensor(gamma * lam, dtype=torch.float32)
    for t in reversed(range(T)):
        done = torch.clamp(terminated[t] + truncated[t], max=1.0)
        delta = rewards[t] + gamma_t * next_values[t] * (1 - terminated[t]) - values[t]
        last = delta + gl * (1 - done) * last
        last = last * valid[t]
        adv[t] = last
    returns = (adv + values) * valid
    return adv, returns


def nstep(rewards, next_values, terminated, truncated, valid, gamma, n):
    T, N = rewards.shape
    q = torch.zeros(T, N, dtype=torch.float32)
    for i in range(N):
        for t in range(T):
            if valid[t, i] == 0:
                continue
            total = torch.tensor(0.0, dtype=torch.float32)
            discount = torch.tensor(1.0, dtype=torch.float32)
            for k in range(n):
                s = t + k
                total = total + discount * rewards[s, i]
                done = terminated[s, i] + truncated[s, i] > 0
                last = done or k == n - 1 or s == T - 1
                if last:
                    total = total + discount * gamma * next_values[s, i] * (1 - terminated[s, i])
                    break
                discount = discount * gamma
            q[t, i] = total
    return q


def case(name, T, N, seed, gamma, lam, n, events):
    g = torch.Generator().manual_seed(seed)
    rewards = torch.randn(T, N, generator=g)
    values = torch.randn(T, N, generator=g)
    terminated = torch.zeros(T, N)
    truncated = torch.zeros(T, N)
    valid = torch.ones(T, N)
    for (t, i, kind) in events:
        if kind == "term":
            terminated[t, i] = 1
        elif kind == "trunc":
            truncated[t, i] = 1
        elif kind == "both":
            terminated[t, i] = 1
            truncated[t, i] = 1
        elif kind == "reset":  # next-step autoreset transition
            valid[t, i] = 0
            rewards[t, i] = 0
    # next values: the following step's value inside an episode, a fresh final-observation
    # value on truncation, a bootstrap value at the end.
    final_values = torch.randn(T, N, generator=g)
    next_values = torch.zeros(T, N)
    for t in range(T):
        for i in range(N):
            if truncated[t, i] and not terminated[t, i]:
                next_values[t, i] = final_values[t, i]
            elif t + 1 < T:
                next_values[t, i] = values[t + 1, i]
            else:
                next_values[t, i] = final_values[t, i]
    adv, ret = gae(rewards, values, next_values, terminated, truncated, valid, gamma, lam)
    q = nstep(rewards, next_values, terminated, truncated, valid, gamma, n)
    r9 = lambda x: [float(f"{v:.9g}") for v in x.flatten().tolist()]
    return {
        "name": name, "steps": T, "copies": N, "gamma": gamma, "lambda": lam, "n": n,
        "rewards": r9(rewards), "values": r9(values), "next_values": r9(next_values),
        "terminated": r9(terminated), "truncated": r9(truncated), "valid": r9(valid),
        "advantages": r9(adv), "returns": r9(ret), "nstep_returns": r9(q),
    }


def main():
    cases = [
        case("no_episode_ends", 6, 3, 0, 0.99, 0.95, 3, []),
        case("terminations_and_truncations", 12, 4, 1, 0.999, 0.95, 4,
             [(3, 0, "term"), (7, 1, "trunc"), (5, 2, "term"), (9, 2, "trunc"), (11, 3, "both")]),
        case("next_step_reset_transitions", 10, 3, 2, 0.9, 0.98, 5,
             [(2, 0, "term"), (3, 0, "reset"), (6, 1, "trunc"), (7, 1, "reset"), (8, 2, "term"), (9, 2, "reset")]),
        case("lambda_zero_is_td", 8, 2, 3, 0.95, 0.0, 1, [(4, 0, "trunc"), (2, 1, "term")]),
        case("lambda_one_is_monte_carlo", 8, 2, 4, 0.95, 1.0, 8, [(5, 0, "term"), (3, 1, "trunc")]),
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "scripts/advantage_fixtures.py",
                               "versions": {"torch": torch.__version__}, "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
