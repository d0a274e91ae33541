"""Reference outputs of Gymnasium's normalisation and action wrappers for Zoo's tests.

1. Single environment: NormalizeReward(NormalizeObservation(PendulumEnv)) from a set
   state with recorded actions (the wrappers see only steps).
2. Vector: NormalizeReward(NormalizeObservation(SyncVectorEnv(CounterEnv x 3))) in
   NEXT_STEP mode from reset(seed=5) (CounterEnv as in gym_vector_semantics.py).
3. RescaleAction(PendulumEnv, -1, 1) and ClipAction(PendulumEnv) observations.

Usage: /work/venv/bin/python scripts/gym_wrapper_fixtures.py [output_dir]
"""

import json
import sys
from pathlib import Path

import gymnasium as gym
import numpy as np
from gymnasium.envs.classic_control.pendulum import PendulumEnv
from gymnasium.vector import AutoresetMode, SyncVectorEnv
from gymnasium.wrappers import ClipAction, NormalizeObservation, NormalizeReward, RescaleAction
from gymnasium.wrappers.vector import NormalizeObservation as VNormObs
from gymnasium.wrappers.vector import NormalizeReward as VNormRew

sys.path.insert(0, str(Path(__file__).parent))
from gym_vector_semantics import CounterEnv  # noqa: E402

GENERATOR = "scripts/gym_wrapper_fixtures.py"


def pendulum_at(state):
    env = PendulumEnv()
    env.reset(seed=0)
    env.state = np.array(state, dtype=np.float64)
    return env


def single_normalize():
    state = [1.0, -0.5]
    env = NormalizeReward(NormalizeObservation(pendulum_at(state)), gamma=0.95)
    rng = np.random.default_rng(21)
    actions, obs_list, rewards = [], [], []
    for _ in range(150):
        a = rng.uniform(-2, 2, size=(1,)).astype(np.float32)
        obs, r, term, trunc, _ = env.step(a)
        actions.append([float(a[0])])
        obs_list.append([float(o) for o in obs])
        rewards.append(float(r))
    obs_rms = env.env.obs_rms
    return {
        "state": state,
        "gamma": 0.95,
        "actions": actions,
        "obs": obs_list,
        "rewards": rewards,
        "obs_mean": [float(x) for x in obs_rms.mean],
        "obs_var": [float(x) for x in obs_rms.var],
        "obs_count": float(obs_rms.count),
        "return_var": float(env.return_rms.var),
    }


def vector_normalize():
    envs = VNormRew(
        VNormObs(SyncVectorEnv([CounterEnv for _ in range(3)], autoreset_mode=AutoresetMode.NEXT_STEP)),
        gamma=0.9,
    )
    rng = np.random.default_rng(22)
    obs, _ = envs.reset(seed=5)
    record = {"seed": 5, "gamma": 0.9, "reset_obs": obs.tolist(), "steps": []}
    for _ in range(30):
        actions = rng.integers(3, size=3)
        obs, rewards, term, trunc, _ = envs.step(actions)
        record["steps"].append(
            {"actions": [int(a) for a in actions], "obs": obs.tolist(), "rewards": [float(r) for r in rewards]}
        )
    record["return_var"] = float(envs.return_rms.var)
    return record


def action_wrappers():
    state = [0.3, 0.2]
    rescaled = RescaleAction(pendulum_at(state), -1.0, 1.0)
    clipped = ClipAction(pendulum_at(state))
    rng = np.random.default_rng(23)
    out = {"state": state, "rescale_actions": [], "rescale_obs": [], "clip_actions": [], "clip_obs": []}
    for _ in range(40):
        a = rng.uniform(-1, 1, size=(1,)).astype(np.float32)
        obs, *_ = rescaled.step(a)
        out["rescale_actions"].append([float(a[0])])
        out["rescale_obs"].append([float(o) for o in obs])
        b = rng.uniform(-4, 4, size=(1,)).astype(np.float32)
        obs, *_ = clipped.step(b)
        out["clip_actions"].append([float(b[0])])
        out["clip_obs"].append([float(o) for o in obs])
    return out


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/ZooTests/Fixtures")
    doc = {
        "generator": GENERATOR,
        "gymnasium": gym.__version__,
        "single_normalize": single_normalize(),
        "vector_normalize": vector_normalize(),
        "action_wrappers": action_wrappers(),
    }
    path = out / "wrappers.json"
    path.write_text(json.dumps(doc, separators=(",", ":")))
    print(path)


if __name__ == "__main__":
    main()
