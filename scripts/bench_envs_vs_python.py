"""CartPole-v1 throughput: Gymnasium's SyncVectorEnv and EnvPool against `zoo bench envs`.

Runs the same work as `zoo bench envs` — CartPole-v1 with 1 copy and with 16 copies,
random actions generated before the timed loop, autoreset on — with
  * Gymnasium 1.x SyncVectorEnv (render_mode=None), 1 and 16 copies,
  * EnvPool (`envpool.make("CartPole-v1", env_type="gymnasium", num_envs=16,
    batch_size=16, num_threads=2)`, and num_envs=1, batch_size=1, num_threads=1),
takes the best of several repeats, then (given the path of a release `zoo` binary) runs
`zoo bench envs --json` and prints the ratios.

Usage: /work/venv/bin/python scripts/bench_envs_vs_python.py [path/to/release/zoo] [--json out.json]
"""

import json
import subprocess
import time

import gymnasium as gym
import numpy as np
from bench_common import best_of, envpool_steps_per_second, parse_args


def gymnasium_sync(num_envs, iterations, repeats):
    envs = gym.vector.SyncVectorEnv([lambda: gym.make("CartPole-v1") for _ in range(num_envs)])
    envs.reset(seed=0)
    rng = np.random.default_rng(0)
    actions = rng.integers(2, size=(iterations, num_envs))

    def run():
        start = time.perf_counter()
        for t in range(iterations):
            envs.step(actions[t])
        return time.perf_counter() - start

    seconds = best_of(repeats, run)
    envs.close()
    return iterations * num_envs / seconds


def envpool_run(num_envs, num_threads, iterations, repeats):
    return envpool_steps_per_second("CartPole-v1", 2, num_envs, num_threads, iterations, repeats)


def main():
    zoo, out = parse_args()
    repeats = 5
    results = {
        "gymnasium_sync_1": gymnasium_sync(1, 20_000, repeats),
        "gymnasium_sync_16": gymnasium_sync(16, 4_000, repeats),
        "envpool_1_thread_1": envpool_run(1, 1, 50_000, repeats),
        "envpool_16_threads_2": envpool_run(16, 2, 50_000, repeats),
    }
    print(f"{'runner':<38}{'env steps/s':>14}")
    for name, value in results.items():
        print(f"{name:<38}{value:>14,.0f}")
    if zoo:
        report = json.loads(subprocess.run([zoo, "bench", "envs", "--json"], check=True, capture_output=True, text=True).stdout)
        rows = {(r["copies"], r["threads"]): r for r in report["results"]}
        zoo1 = rows[(1, 0)]["stepsPerSecond"]
        zoo16sync = rows[(16, 0)]["stepsPerSecond"]
        zoo16 = rows[(16, 2)]["stepsPerSecond"]
        results.update({"zoo_1_sync": zoo1, "zoo_16_sync": zoo16sync, "zoo_16_threads_2": zoo16})
        print(f"{'zoo 1 copy sync':<38}{zoo1:>14,.0f}")
        print(f"{'zoo 16 copies sync':<38}{zoo16sync:>14,.0f}")
        print(f"{'zoo 16 copies threads(2)':<38}{zoo16:>14,.0f}")
        print()
        print(f"zoo 16 threads(2) / EnvPool 16 on 2 threads : {zoo16 / results['envpool_16_threads_2']:.1f}x")
        print(f"zoo 16 threads(2) / Gymnasium SyncVectorEnv 16: {zoo16 / results['gymnasium_sync_16']:.1f}x")
        print(f"zoo 1 copy / EnvPool 1 copy                  : {zoo1 / results['envpool_1_thread_1']:.1f}x")
        print(f"zoo 1 copy / Gymnasium SyncVectorEnv 1       : {zoo1 / results['gymnasium_sync_1']:.1f}x")
        allocs = [r.get("allocationsPerStep") for r in report["results"]]
        print(f"zoo allocations per env step: {allocs}")
        results["zoo_allocations_per_step"] = allocs
    if out:
        with open(out, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
