"""Step-by-step reference of Gymnasium's SyncVectorEnv autoreset modes and vector
RecordEpisodeStatistics, on a deterministic counter environment defined identically in
Zoo's tests (Tests/ZooTests/VectorSemanticsTests.swift, `CounterEnv`).

CounterEnv: observation [seed, episode, t] (float32); Discrete(3) actions; reward
t + 0.5 * action; the episode with k = seed + episode lasts 2 + k % 4 steps and ends
terminated (k % 5 in {0, 1}), truncated (k % 5 in {2, 3}) or both (k % 5 == 4). Reset
info {"tag": 100 * seed + episode}; the last step's info {"last": t}.

Usage: /work/venv/bin/python scripts/gym_vector_semantics.py [output_dir]
"""

import json
import sys
from pathlib import Path

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode, SyncVectorEnv
from gymnasium.wrappers.vector import RecordEpisodeStatistics

GENERATOR = "scripts/gym_vector_semantics.py"


class CounterEnv(gym.Env):
    def __init__(self):
        self.observation_space = gym.spaces.Box(-np.inf, np.inf, (3,), np.float32)
        self.action_space = gym.spaces.Discrete(3)
        self.base = 0
        self.episode = -1
        self.t = 0

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        if seed is not None:
            self.base = seed
            self.episode = 0
        else:
            self.episode += 1
        self.t = 0
        k = self.base + self.episode
        self.length = 2 + k % 4
        self.kind = k % 5
        return self._obs(), {"tag": 100 * self.base + self.episode}

    def step(self, action):
        self.t += 1
        reward = float(self.t) + 0.5 * int(action)
        done = self.t >= self.length
        terminated = bool(done and self.kind in (0, 1, 4))
        truncated = bool(done and self.kind in (2, 3, 4))
        info = {"last": self.t} if done else {}
        return self._obs(), reward, terminated, truncated, info

    def _obs(self):
        return np.array([self.base, self.episode, self.t], dtype=np.float32)


class CopyResetOptions(gym.vector.VectorWrapper):
    """Hands the inner environment a copy of `options`.

    Gymnasium 1.4's SyncVectorEnv.reset pops "reset_mask" from the caller's dict, so the
    vector RecordEpisodeStatistics above it never sees the mask and resets the statistics
    of every copy (its masked branch is dead code). With this shim the wrapper's intended
    masked behaviour runs, which is what Zoo implements (and what the spec asks for).
    """

    def reset(self, *, seed=None, options=None):
        return self.env.reset(seed=seed, options=dict(options) if options is not None else None)


def key(infos, name):
    """Gymnasium's batched info key as a list with None where the mask is False."""
    if name not in infos:
        return None
    values, mask = infos[name], infos["_" + name]
    return [int(v) if m else None for v, m in zip(values, mask)]


def episode(infos):
    if "episode" not in infos:
        return None
    e = infos["episode"]
    return {
        "r": [float(x) for x in e["r"]],
        "l": [int(x) for x in e["l"]],
        "mask": [bool(x) for x in infos["_episode"]],
    }


def scenario(mode, num_envs, seed, steps, rng_seed):
    envs = RecordEpisodeStatistics(
        CopyResetOptions(SyncVectorEnv([CounterEnv for _ in range(num_envs)], autoreset_mode=mode)),
        buffer_length=5,
    )
    rng = np.random.default_rng(rng_seed)
    obs, infos = envs.reset(seed=seed)
    record = {
        "mode": mode.value,
        "num_envs": num_envs,
        "seed": seed,
        "reset_obs": obs.tolist(),
        "reset_tag": key(infos, "tag"),
        "steps": [],
    }
    for _ in range(steps):
        actions = rng.integers(3, size=num_envs)
        obs, rewards, terminated, truncated, infos = envs.step(actions)
        step = {
            "actions": [int(a) for a in actions],
            "obs": obs.tolist(),
            "rewards": [float(r) for r in rewards],
            "terminated": [bool(x) for x in terminated],
            "truncated": [bool(x) for x in truncated],
            "tag": key(infos, "tag"),
            "last": key(infos, "last"),
            "episode": episode(infos),
        }
        if mode == AutoresetMode.SAME_STEP:
            if "final_obs" in infos:
                step["final_obs"] = [
                    o.tolist() if m else None for o, m in zip(infos["final_obs"], infos["_final_obs"])
                ]
                step["final_last"] = key(infos["final_info"], "last")
            else:
                step["final_obs"] = None
                step["final_last"] = None
        if mode == AutoresetMode.DISABLED:
            done = np.logical_or(terminated, truncated)
            if done.any():
                # Alternate: reseed the finished copies with new seeds, or continue their streams.
                reseed = len(record["steps"]) % 2 == 0
                seeds = [1000 + 7 * len(record["steps"]) + i if d and reseed else None for i, d in enumerate(done)]
                obs2, infos2 = envs.reset(seed=seeds, options={"reset_mask": done.copy()})
                step["reset"] = {
                    "mask": [bool(x) for x in done],
                    "seeds": seeds,
                    "obs": obs2.tolist(),
                    "tag": key(infos2, "tag"),
                }
        record["steps"].append(step)
    record["episode_count"] = int(envs.episode_count)
    record["return_queue"] = [float(x) for x in envs.return_queue]
    record["length_queue"] = [int(x) for x in envs.length_queue]
    envs.close()
    return record


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/ZooTests/Fixtures")
    doc = {
        "generator": GENERATOR,
        "gymnasium": gym.__version__,
        "scenarios": [
            scenario(AutoresetMode.NEXT_STEP, 4, 10, 24, 1),
            scenario(AutoresetMode.SAME_STEP, 4, 20, 24, 2),
            scenario(AutoresetMode.DISABLED, 3, 30, 24, 3),
        ],
    }
    path = out / "vector_semantics.json"
    path.write_text(json.dumps(doc, separators=(",", ":")))
    print(path, [len(s["steps"]) for s in doc["scenarios"]])


if __name__ == "__main__":
    main()
