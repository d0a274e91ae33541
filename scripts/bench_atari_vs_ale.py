"""Atari throughput, side by side in one invocation:

  1. emulator frames/s on one core: ale-py (Pong, frame skip 1, random minimal actions)
     against Zoo's `PongNoFrameskip-v4` with 1 copy (`zoo bench envs`);
  2. Pong with the DQN preprocessing, 16 copies on 2 threads: EnvPool's `Pong-v5`
     (frame skip 4, no-op starts, 84 x 84 grey, 4-frame stack) against Zoo's
     `PongNoFrameskip-v4` inside `AtariPreprocessing` and a 4-frame stack
     (`zoo bench envs --atari-preprocessing`).
Several rounds; min / median / max of each and the ratios of the medians.

Usage: python3 scripts/bench_atari_vs_ale.py path/to/release/zoo [--rounds N] [--frames F]
Needs ale-py (its ROMs are what Zoo finds) and envpool.
"""
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent / "atari"))
from bench_emulator_vs_ale import ale_speed  # noqa: E402  (the same ale-py timing loop)


def envpool_steps_per_second(steps):
    import envpool

    envs = envpool.make("Pong-v5", env_type="gymnasium", num_envs=16, batch_size=16, num_threads=2, seed=0)
    envs.reset()
    actions = np.random.default_rng(0).integers(6, size=(steps, 16)).astype(np.int32)
    start = time.perf_counter()
    for t in range(steps):
        envs.step(actions[t])
    seconds = time.perf_counter() - start
    envs.close()
    return steps * 16 / seconds


def zoo_steps_per_second(zoo, case, iterations, preprocessing):
    command = [zoo, "bench", "envs", "--json", "--no-allocation-count", "--repeats", "1", "--env", "PongNoFrameskip-v4",
               "--case", case, "--iterations", str(iterations)] + (["--atari-preprocessing"] if preprocessing else [])
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return report["results"][0]["stepsPerSecond"]


def summary(name, values):
    print(f"{name:<58}{min(values):>12,.0f}{statistics.median(values):>12,.0f}{max(values):>12,.0f}")
    return statistics.median(values)


def main():
    args = sys.argv[1:]
    rounds, frames = 3, 20_000
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds = int(args[i + 1])
        del args[i : i + 2]
    if "--frames" in args:
        i = args.index("--frames")
        frames = int(args[i + 1])
        del args[i : i + 2]
    if not args:
        sys.exit(__doc__)
    zoo = args[0]
    results = {k: [] for k in ("ale", "zoo1", "envpool", "zoo16")}
    for _ in range(rounds):
        results["ale"].append(ale_speed(frames))
        results["zoo1"].append(zoo_steps_per_second(zoo, "1:0", frames, False))
        results["envpool"].append(envpool_steps_per_second(frames // 64))
        results["zoo16"].append(zoo_steps_per_second(zoo, "16:2", frames // 8, True))
    print(f"{'':<58}{'min':>12}{'median':>12}{'max':>12}")
    ale = summary("ale-py Pong frames/s (frame skip 1, one core)", results["ale"])
    zoo1 = summary("zoo PongNoFrameskip-v4 frames/s (1 copy)", results["zoo1"])
    envpool = summary("EnvPool Pong-v5 steps/s (16 copies, 2 threads)", results["envpool"])
    zoo16 = summary("zoo Pong + AtariPreprocessing steps/s (16 copies, 2 threads)", results["zoo16"])
    print(f"\nzoo / ale-py (emulator, one core): {zoo1 / ale:.2f}x")
    print(f"zoo / EnvPool (preprocessed, 16 copies on 2 threads): {zoo16 / envpool:.2f}x")


if __name__ == "__main__":
    main()
