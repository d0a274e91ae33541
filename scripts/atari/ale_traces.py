"""Frame-by-frame traces of ale-py, the oracle Zoo's Atari 2600 emulator is checked against.

For each game and setting: the RAM right after `reset_game`, then for every frame of a
recorded action sequence the action taken, ALE's reward and game-over flag, the CRC-32 of
the RAM and of the 210 x 160 palette-index screen, and the RAM after each `reset_game`;
plus the whole RAM every 100 frames and two whole screens (run-length encoded) to show
where a mismatch is. (Digests rather than RAM changes keep a trace of a busy game, whose
RAM changes 20-odd bytes a frame, near 100 KB.) Frame skip 1 (one `act` = one
frame); actions are drawn from the minimal action set by NumPy's generator with a fixed
seed, each held for a random 1-8 frames so that paddles travel.

    pip install ale-py numpy
    python3 scripts/atari/ale_traces.py [frames] [game ...]
Writes Tests/Atari2600Tests/Fixtures/ale_<game>_<seed>_<sticky>.json for the runs of the
games named (ALE's ROM names, e.g. `space_invaders`), all of RUNS' games when none is.
"""
import json
import os
import sys
import zlib
from pathlib import Path

import ale_py
import numpy as np

OUT = Path(__file__).resolve().parents[2] / "Tests/Atari2600Tests/Fixtures"
ROMS = Path(ale_py.__file__).parent / "roms"
# Two runs per game, one without and one with sticky actions, on different seeds.
RUNS = [("pong", 0, 0.0), ("breakout", 0, 0.0), ("pong", 7, 0.25), ("breakout", 3, 0.25),
        ("freeway", 1, 0.0), ("freeway", 4, 0.25), ("space_invaders", 3, 0.0), ("space_invaders", 6, 0.25),
        ("boxing", 2, 0.0), ("boxing", 5, 0.25), ("enduro", 5, 0.0), ("enduro", 8, 0.25)]
FULL_SCREENS = (0, 100)
RAM_EVERY = 100


def rle(screen):
    flat = screen.reshape(-1)
    out, start = [], 0
    change = np.flatnonzero(np.diff(flat)) + 1
    for end in list(change) + [len(flat)]:
        out += [int(flat[start]), int(end - start)]
        start = end
    return out


def trace(game, seed, sticky, frames):
    ale = ale_py.ALEInterface()
    ale.setLoggerMode(ale_py.LoggerMode.Error)
    ale.setInt("random_seed", seed)
    ale.setFloat("repeat_action_probability", sticky)
    ale.loadROM(str(ROMS / f"{game}.bin"))
    actions = [a.value for a in ale.getMinimalActionSet()]
    rng = np.random.default_rng(seed + 1000)
    record = {
        "game": game, "seed": seed, "repeat_action_probability": sticky,
        "ale_py": ale_py.__version__, "minimal_actions": actions,
        "reset_ram": ale.getRAM().tolist(), "reset_screen_crc": zlib.crc32(ale.getScreen().tobytes()),
        "frames": [], "screens": {}, "rams": {},
    }
    action, hold = actions[0], 0
    for frame in range(frames):
        if hold == 0:
            action, hold = actions[int(rng.integers(len(actions)))], int(rng.integers(1, 9))
        hold -= 1
        reward = ale.act(ale_py.Action(action))
        ram = ale.getRAM()
        screen = ale.getScreen()
        record["frames"].append([action, int(reward), int(ale.game_over()), zlib.crc32(ram.tobytes()),
                                 zlib.crc32(screen.tobytes())])
        if frame in FULL_SCREENS:
            record["screens"][str(frame)] = rle(screen)
        if frame % RAM_EVERY == 0:
            record["rams"][str(frame)] = ram.tobytes().hex()
        if ale.game_over():
            ale.reset_game()
            record["frames"][-1].append(ale.getRAM().tolist())
    return record


def main():
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    games = set(sys.argv[2:]) or {game for game, _, _ in RUNS}
    for game, seed, sticky in (run for run in RUNS if run[0] in games):
        record = trace(game, seed, sticky, frames)
        path = OUT / f"ale_{game}_{seed}_{int(sticky * 100)}.json"
        with open(path, "w") as f:
            json.dump(record, f, separators=(",", ":"))
        print(f"{path.name}: {frames} frames, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
