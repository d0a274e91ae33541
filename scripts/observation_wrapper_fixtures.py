#!/usr/bin/env python3
"""Reference outputs of Gymnasium's image observation wrappers, for Zoo's per-copy
observation wrappers (Tests/ZooTests/Fixtures/observation_wrappers.json).

Run:  python3 scripts/observation_wrapper_fixtures.py [--out Tests/ZooTests/Fixtures]

Needs gymnasium (1.x), numpy and opencv-python-headless (Gymnasium's ResizeObservation
calls cv2.resize with INTER_AREA).

A tiny environment replays fixed RGB frames (seeded numpy noise over a gradient, so area
averaging rounds both ways): each episode is a list of frames, `reset` shows the first and
each `step` the next, the last one terminating. The stacks below wrap it exactly as a recipe
does and record every observation:

  grey_resize_stack: GrayscaleObservation(keep_dim=False) → ResizeObservation((13, 11))
                     → FrameStackObservation(stack_size=3, padding_type="reset")
  rgb_stack:         FrameStackObservation(stack_size=2) on the RGB frames
  grey_keepdim:      GrayscaleObservation(keep_dim=True)
  resize_rgb_up:     ResizeObservation((40, 30)) on the RGB frames (enlarging)

Stored: the episodes' frames (flat uint8, shape [height, width, 3]) and, per stack, the
observation shape and the flat observations after each reset and step, episode by episode.
"""

import argparse
import json
import os

import gymnasium as gym
import numpy as np
from gymnasium.wrappers import FrameStackObservation, GrayscaleObservation, ResizeObservation

HEIGHT, WIDTH = 26, 21
EPISODES = [5, 3]


class FrameReplay(gym.Env):
    """Shows the frames of its episodes in order; the last frame of an episode terminates."""

    def __init__(self, episodes):
        self.episodes = episodes
        self.observation_space = gym.spaces.Box(0, 255, (HEIGHT, WIDTH, 3), np.uint8)
        self.action_space = gym.spaces.Discrete(1)
        self.episode = -1
        self.t = 0

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.episode += 1
        self.t = 0
        return self.episodes[self.episode][0], {}

    def step(self, action):
        self.t += 1
        frames = self.episodes[self.episode]
        return frames[self.t], 0.0, self.t == len(frames) - 1, False, {}


def make_frames(rng):
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    episodes = []
    for length in EPISODES:
        frames = []
        for _ in range(length):
            base = np.stack([x * 11 + y * 3, y * 9 + 40, (x + y) * 5], axis=-1)
            noise = rng.integers(-40, 41, size=(HEIGHT, WIDTH, 3))
            frames.append(np.clip(base + noise, 0, 255).astype(np.uint8))
        episodes.append(frames)
    return episodes


def record(episodes, wrap):
    env = wrap(FrameReplay(episodes))
    observations = []
    for frames in episodes:
        obs, _ = env.reset()
        episode = [obs.ravel().tolist()]
        for _ in range(len(frames) - 1):
            obs, *_ = env.step(0)
            episode.append(obs.ravel().tolist())
        observations.append(episode)
    return {"shape": list(env.observation_space.shape), "observations": observations}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="Tests/ZooTests/Fixtures")
    args = parser.parse_args()
    episodes = make_frames(np.random.default_rng(12))
    stacks = {
        "grey_resize_stack": lambda e: FrameStackObservation(
            ResizeObservation(GrayscaleObservation(e, keep_dim=False), (13, 11)), stack_size=3, padding_type="reset"),
        "rgb_stack": lambda e: FrameStackObservation(e, stack_size=2),
        "grey_keepdim": lambda e: GrayscaleObservation(e, keep_dim=True),
        "resize_rgb_up": lambda e: ResizeObservation(e, (40, 30)),
    }
    fixture = {
        "generator": "scripts/observation_wrapper_fixtures.py",
        "versions": {"gymnasium": gym.__version__, "numpy": np.__version__},
        "height": HEIGHT, "width": WIDTH,
        "episodes": [[f.ravel().tolist() for f in frames] for frames in episodes],
        "stacks": {name: record(episodes, wrap) for name, wrap in stacks.items()},
    }
    import cv2
    fixture["versions"]["opencv"] = cv2.__version__
    path = os.path.join(args.out, "observation_wrappers.json")
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
