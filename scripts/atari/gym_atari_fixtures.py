"""Reference episodes of Gymnasium's Atari environments (ale-py as a black box) for Zoo's
Atari environments and wrappers.

For each game of GAMES:
  * `ALE/<Game>-v5` (frame skip 4, sticky actions 0.25, RGB) for several seeds: per step the
    action, reward, terminated, truncated, lives, the CRC-32 of the observation and of the RAM;
  * `<Game>NoFrameskip-v4` inside `AtariPreprocessing` (no-op starts up to 30, frame skip 4,
    84 x 84 grey): the same per step;
  * the game's rules: ale-py's per-frame reward, lives and game-over flag next to the RAM,
    at every frame where one of them changes (and the frame before), and every 50th frame.
Actions are drawn by NumPy's generator with a fixed seed, each held 1-8 steps.

    pip install ale-py gymnasium numpy opencv-python
    python3 scripts/atari/gym_atari_fixtures.py [Game ...]
Writes Tests/ZooTests/Fixtures/gym_atari_<game>.json for the games named (all when none is).
"""
import json
import sys
import zlib
from pathlib import Path

import ale_py
import gymnasium
import numpy as np
from gymnasium.wrappers import AtariPreprocessing

gymnasium.register_envs(ale_py)
OUT = Path(__file__).resolve().parents[2] / "Tests/ZooTests/Fixtures"
# Gymnasium name: (ROM name, frames of recorded rules: enough to end a game by the clock,
# (favoured minimal action, its weight) where random play scores too rarely, or None).
GAMES = {"Pong": ("pong", 4000, None), "Breakout": ("breakout", 4000, None),
         "SpaceInvaders": ("space_invaders", 4000, None), "Boxing": ("boxing", 7500, None),
         "Freeway": ("freeway", 9000, (1, 0.8))}


def crc(array):
    return zlib.crc32(np.ascontiguousarray(array).tobytes())


def episode(env, seed, steps, action_seed):
    obs, info = env.reset(seed=seed)
    rng = np.random.default_rng(action_seed)
    n = env.action_space.n
    ale = env.unwrapped.ale
    record = {"seed": seed, "reset_crc": crc(obs), "reset_ram_crc": crc(ale.getRAM()), "reset_lives": int(info["lives"]),
              "steps": []}
    action, hold = 0, 0
    for _ in range(steps):
        if hold == 0:
            action, hold = int(rng.integers(n)), int(rng.integers(1, 9))
        hold -= 1
        obs, reward, terminated, truncated, info = env.step(action)
        record["steps"].append([action, float(reward), bool(terminated), bool(truncated), int(info["lives"]), crc(obs),
                                crc(ale.getRAM())])
        if terminated or truncated:
            break
    return record


def rules(rom, frames, favoured):
    ale = ale_py.ALEInterface()
    ale.setLoggerMode(ale_py.LoggerMode.Error)
    ale.setInt("random_seed", 0)
    ale.loadROM(str(ale_py.roms.get_rom_path(rom)))
    actions = ale.getMinimalActionSet()
    rng = np.random.default_rng(5)
    previous = ale.getRAM().copy()
    kept = {}
    state = (0, ale.lives(), False)
    action, hold = actions[0], 0
    for frame in range(1, frames + 1):
        if hold == 0:
            if favoured is not None and rng.random() < favoured[1]:
                action, hold = actions[favoured[0]], int(rng.integers(1, 9))
            else:
                action, hold = actions[int(rng.integers(len(actions)))], int(rng.integers(1, 9))
        hold -= 1
        reward = ale.act(action)
        ram = ale.getRAM().copy()
        now = (int(reward), ale.lives(), bool(ale.game_over()))
        if now != (0, state[1], state[2]) or frame % 50 == 0:
            kept[frame - 1] = [None, None, None, previous.tobytes().hex()]
            kept[frame] = [now[0], now[1], now[2], ram.tobytes().hex()]
        state, previous = now, ram
        if ale.game_over():
            ale.reset_game()
            previous = ale.getRAM().copy()
            state = (0, ale.lives(), False)
    return [[frame] + kept[frame] for frame in sorted(kept)]


def main():
    for name in sys.argv[1:] or GAMES:
        rom, frames, favoured = GAMES[name]
        record = {"game": name, "ale_py": ale_py.__version__, "gymnasium": gymnasium.__version__}
        env = gymnasium.make(f"ALE/{name}-v5")
        record["v5"] = [episode(env, seed, 300, 100 + seed) for seed in (0, 1, 7)]
        env = AtariPreprocessing(gymnasium.make(f"{name}NoFrameskip-v4"), noop_max=30, frame_skip=4,
                                 screen_size=84, terminal_on_life_loss=False, grayscale_obs=True)
        record["preprocessed"] = [episode(env, seed, 250, 200 + seed) for seed in (0, 3)]
        record["rules"] = rules(rom, frames, favoured)
        with open(OUT / f"gym_atari_{rom}.json", "w") as f:
            json.dump(record, f, separators=(",", ":"))
        print(name, len(record["rules"]), "rule frames")


if __name__ == "__main__":
    main()
