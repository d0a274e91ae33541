"""Reference episodes of Gymnasium's LunarLander-v3 for Zoo's parity tests.

Two kinds of fixture, written to Tests/ZooTests/Fixtures/lunar/:

- `episodes.json`: step-by-step trajectories. Every random draw the environment makes is
  recorded (Gymnasium's seeding is patched so that `env.np_random` is a recording wrapper
  that forwards `uniform` and `integers` to the real generator), together with the actions
  and, for every step including the one inside `reset`, the float32 observation, reward
  and terminated/truncated flags. Zoo's tests feed the same draws through a replaying
  random source and compare step by step. Episodes are cut at `MAX_STEPS` steps to keep
  the file small.
- `returns.json`: the returns of 100 full episodes (seeds 0-99, `gym.make`, so with the
  1000-step TimeLimit) of the heuristic controller and of a uniformly random policy, for
  discrete and continuous actions, with and without wind: Gymnasium's side of the
  two-sample Kolmogorov-Smirnov comparison.

Usage: /work/venv/bin/python scripts/lunar_fixtures.py [output_dir]
"""

import json
import sys
from pathlib import Path

import importlib.util
import types

import gymnasium as gym
import gymnasium.utils.seeding as seeding
import numpy as np

# gymnasium.envs.box2d's __init__ imports CarRacing, which needs pygame (not installed, and
# not needed headless): register the package without running its __init__.
_box2d_dir = Path(importlib.util.find_spec("gymnasium.envs").submodule_search_locations[0]) / "box2d"
_package = types.ModuleType("gymnasium.envs.box2d")
_package.__path__ = [str(_box2d_dir)]
sys.modules.setdefault("gymnasium.envs.box2d", _package)
from gymnasium.envs.box2d.lunar_lander import heuristic  # noqa: E402

GENERATOR = "scripts/lunar_fixtures.py"
MAX_STEPS = 400


class RecordingGenerator:
    """Forwards draws to a NumPy Generator and records them (scalars, in draw order)."""

    def __init__(self, generator):
        self.generator = generator
        self.kinds = []
        self.values = []

    def uniform(self, low=0.0, high=1.0, size=None):
        v = self.generator.uniform(low, high, size)
        for x in np.atleast_1d(v):
            self.kinds.append("u")
            self.values.append(float(x))
        return v

    def integers(self, low, high=None, size=None, *args, **kwargs):
        v = self.generator.integers(low, high, size, *args, **kwargs)
        for x in np.atleast_1d(v):
            self.kinds.append("i")
            self.values.append(int(x))
        return v

    def __getattr__(self, name):
        raise AttributeError(f"LunarLander used np_random.{name}, which the recorder does not handle")


_real_np_random = seeding.np_random
_recorders = []


def _recording_np_random(seed=None):
    generator, used_seed = _real_np_random(seed)
    recorder = RecordingGenerator(generator)
    _recorders.append(recorder)
    return recorder, used_seed


def r9(x):
    return float(f"{float(x):.9g}")


def r17(x):
    return float(repr(float(x)))


def policy_action(name, env, obs, rng):
    continuous = env.unwrapped.continuous
    if name == "main":
        return np.array([1.0, 0.0], dtype=np.float32) if continuous else 2
    if name == "noop":
        return np.array([-1.0, 0.0], dtype=np.float32) if continuous else 0
    if name == "random":
        if continuous:
            return rng.uniform(-1.0, 1.0, size=2).astype(np.float32)
        return int(rng.integers(0, 4))
    if name == "heuristic":
        a = heuristic(env, obs)
        return np.asarray(a, dtype=np.float32) if continuous else int(a)
    raise ValueError(name)


def record_episode(seed, continuous, wind, policy, kwargs_extra=None):
    kwargs = {"continuous": continuous, "enable_wind": wind}
    kwargs.update(kwargs_extra or {})
    env = gym.make("LunarLander-v3", **kwargs)
    seeding.np_random = _recording_np_random
    try:
        obs, _ = env.reset(seed=seed)
    finally:
        seeding.np_random = _real_np_random
    recorder = env.unwrapped.np_random
    assert isinstance(recorder, RecordingGenerator)
    rng = np.random.default_rng(10_000 + seed)
    episode = {
        "seed": seed,
        "kwargs": kwargs,
        "policy": policy,
        "reset_observation": [r9(o) for o in obs],
        "reset_draws": len(recorder.values),
        "actions": [],
        "observations": [],
        "rewards": [],
        "terminated": [],
        "truncated": [],
        "draws_after_step": [],
    }
    for _ in range(MAX_STEPS):
        action = policy_action(policy, env, obs, rng)
        obs, reward, terminated, truncated, _ = env.step(action)
        if continuous:
            episode["actions"].append([r9(a) for a in action])
        else:
            episode["actions"].append(int(action))
        episode["observations"].append([r9(o) for o in obs])
        episode["rewards"].append(r17(reward))
        episode["terminated"].append(bool(terminated))
        episode["truncated"].append(bool(truncated))
        episode["draws_after_step"].append(len(recorder.values))
        if terminated or truncated:
            break
    episode["draw_kinds"] = "".join(recorder.kinds)
    episode["draws"] = [r17(v) for v in recorder.values]
    env.close()
    return episode


def episode_returns(continuous, wind, policy, seeds):
    env = gym.make("LunarLander-v3", continuous=continuous, enable_wind=wind)
    returns, lengths = [], []
    for seed in seeds:
        rng = np.random.default_rng(20_000 + seed)
        obs, _ = env.reset(seed=seed)
        total, steps = 0.0, 0
        while True:
            obs, reward, terminated, truncated, _ = env.step(policy_action(policy, env, obs, rng))
            total += float(reward)
            steps += 1
            if terminated or truncated:
                break
        returns.append(r17(total))
        lengths.append(steps)
    env.close()
    return returns, lengths


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/ZooTests/Fixtures/lunar")
    out.mkdir(parents=True, exist_ok=True)

    episodes = []
    for continuous in (False, True):
        for seed, wind, policy in [
            (0, False, "main"),
            (1, False, "noop"),
            (2, False, "random"),
            (3, False, "heuristic"),
            (4, False, "heuristic"),
            (5, True, "random"),
            (6, True, "heuristic"),
            (7, True, "main"),
        ]:
            episodes.append(record_episode(seed, continuous, wind, policy))
    # Non-default kwargs: weaker gravity, strong wind and turbulence (out of the recommended
    # range, which Gymnasium only warns about).
    episodes.append(record_episode(8, False, True, "heuristic", {"gravity": -4.0, "wind_power": 25.0, "turbulence_power": 3.0}))
    episodes.append(record_episode(9, True, False, "heuristic", {"gravity": -11.5}))
    (out / "episodes.json").write_text(
        json.dumps({"generator": GENERATOR, "gymnasium": gym.__version__, "max_steps": MAX_STEPS, "episodes": episodes})
    )

    seeds = list(range(100))
    distributions = []
    for continuous in (False, True):
        for wind in (False, True):
            for policy in ("heuristic", "random"):
                returns, lengths = episode_returns(continuous, wind, policy, seeds)
                distributions.append({
                    "continuous": continuous, "enable_wind": wind, "policy": policy,
                    "seeds": seeds, "returns": returns, "lengths": lengths,
                })
                print(f"continuous={continuous} wind={wind} {policy:9s} mean {np.mean(returns):8.2f} "
                      f"std {np.std(returns):7.2f} mean length {np.mean(lengths):7.1f}")
    (out / "returns.json").write_text(json.dumps({"generator": GENERATOR, "gymnasium": gym.__version__, "distributions": distributions}))


if __name__ == "__main__":
    main()
