"""Reference trajectories of Gymnasium's classic-control environments for Zoo's parity tests.

Each case starts an unwrapped Gymnasium environment from a given state (set on
`env.unwrapped.state` after a seeded reset), applies a recorded action sequence (drawn
with a fixed NumPy seed, or chosen by a simple fixed controller), and stores the
observations, rewards and flags of every step. No TimeLimit is applied, so episodes run
for `steps` steps or until they terminate (CartPole cases continue a few steps past
termination to pin down its step-after-termination rewards).

Usage: /work/venv/bin/python scripts/gym_classic_fixtures.py [output_dir]
"""

import json
import sys
from pathlib import Path

import gymnasium as gym
import numpy as np

GENERATOR = "scripts/gym_classic_fixtures.py"


def bound(x):
    """A space bound for JSON: a number, or "inf" / "-inf"."""
    x = float(x)
    return x if np.isfinite(x) else ("inf" if x > 0 else "-inf")


def r9(x):
    return float(f"{float(x):.9g}")


def run_case(env_id, kwargs, state, policy, steps, seed, extra_after_termination=0, attributes=None):
    env = gym.make(env_id, **kwargs).unwrapped
    for name, value in (attributes or {}).items():
        setattr(env, name, value)
    env.reset(seed=seed)
    state_dtype = np.float32 if env_id == "Acrobot-v1" else np.float64
    env.state = np.array(state, dtype=state_dtype)
    rng = np.random.default_rng(seed)
    case = {
        "kwargs": kwargs,
        "attributes": attributes or {},
        "state": [float(s) for s in np.array(state, dtype=state_dtype)],
        "actions": [],
        "observations": [],
        "rewards": [],
        "terminated": [],
        "truncated": [],
    }
    obs = None
    remaining_after = None
    for _ in range(steps):
        action = policy(rng, obs, env)
        obs, reward, terminated, truncated, _ = env.step(action)
        if isinstance(action, np.ndarray):
            case["actions"].append([r9(a) for a in action])
        else:
            case["actions"].append(int(action))
        case["observations"].append([r9(o) for o in obs])
        case["rewards"].append(r9(reward))
        case["terminated"].append(bool(terminated))
        case["truncated"].append(bool(truncated))
        if terminated and remaining_after is None:
            remaining_after = extra_after_termination
        if remaining_after is not None:
            if remaining_after == 0:
                break
            remaining_after -= 1
    env.close()
    return case


def discrete_random(n):
    return lambda rng, obs, env: int(rng.integers(n))


def box_random(low, high):
    return lambda rng, obs, env: rng.uniform(low, high, size=(1,)).astype(np.float32)


def cartpole_controller(rng, obs, env):
    s = env.state
    return int(s[2] + 0.5 * s[3] + 0.01 * s[0] + 0.1 * s[1] > 0)


def mountain_pump(rng, obs, env):
    return 2 if env.state[1] >= 0 else 0


def mountain_pump_continuous(rng, obs, env):
    push = 1.0 if env.state[1] >= 0 else -1.0
    return np.array([push * rng.uniform(0.6, 1.3)], dtype=np.float32)


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/ZooTests/Fixtures")
    out.mkdir(parents=True, exist_ok=True)
    suites = {
        "CartPole-v1": [
            ({}, [0.01, -0.02, 0.03, 0.01], cartpole_controller, 500, 1, 0, None),
            ({}, [0.02, 0.1, -0.04, -0.2], discrete_random(2), 500, 2, 3, None),
            ({"sutton_barto_reward": True}, [-0.03, 0.0, 0.02, 0.3], discrete_random(2), 500, 3, 3, None),
        ],
        "Acrobot-v1": [
            ({}, [0.05, -0.03, 0.02, -0.08], discrete_random(3), 500, 4, 0, None),
            ({}, [3.0, -2.5, 12.0, -27.0], discrete_random(3), 300, 5, 0, None),
            ({}, [0.1, 0.0, 0.0, 0.0], discrete_random(3), 300, 6, 0, {"book_or_nips": "nips"}),
        ],
        "MountainCar-v0": [
            ({}, [-0.5, 0.0], mountain_pump, 500, 7, 0, None),
            ({"goal_velocity": 0.01}, [-0.45, 0.0], discrete_random(3), 500, 8, 0, None),
        ],
        "MountainCarContinuous-v0": [
            ({}, [-0.55, 0.0], mountain_pump_continuous, 500, 9, 0, None),
            ({"goal_velocity": 0.02}, [-0.5, 0.0], box_random(-1.5, 1.5), 500, 10, 0, None),
        ],
        "Pendulum-v1": [
            ({}, [2.5, -0.5], box_random(-3.0, 3.0), 500, 11, 0, None),
            ({"g": 9.81}, [-3.0, 7.5], box_random(-2.0, 2.0), 500, 12, 0, None),
        ],
    }
    for env_id, cases in suites.items():
        probe = gym.make(env_id)
        spaces = {
            "observation_low": [bound(x) for x in probe.observation_space.low],
            "observation_high": [bound(x) for x in probe.observation_space.high],
        }
        if isinstance(probe.action_space, gym.spaces.Discrete):
            spaces["action_n"] = int(probe.action_space.n)
        else:
            spaces["action_low"] = [bound(x) for x in probe.action_space.low]
            spaces["action_high"] = [bound(x) for x in probe.action_space.high]
        probe.close()
        doc = {
            "generator": GENERATOR,
            "gymnasium": gym.__version__,
            "numpy": np.__version__,
            "env": env_id,
            "spaces": spaces,
            "cases": [
                run_case(env_id, kw, st, pol, n, seed, extra, attrs)
                for (kw, st, pol, n, seed, extra, attrs) in cases
            ],
        }
        path = out / f"classic_{env_id}.json"
        path.write_text(json.dumps(doc, separators=(",", ":")))
        lengths = [len(c["rewards"]) for c in doc["cases"]]
        print(f"{path}: {lengths} steps")


if __name__ == "__main__":
    main()
