"""LunarLander-v3 throughput: Gymnasium and EnvPool against `zoo bench lunar`.

The same work as `zoo bench lunar` — LunarLander-v3 (discrete), random actions generated
before the timed loop, autoreset on:
  * Gymnasium 1.x, a single environment (`gym.make("LunarLander-v3")`, render_mode=None,
    so with its TimeLimit), reset by hand when an episode ends (what a training loop does);
  * EnvPool 1.2.5 (`envpool.make("LunarLander-v3", env_type="gymnasium", num_envs=16,
    batch_size=16, num_threads=2)`), and a 1-copy, 1-thread EnvPool for reference.
Best of several repeats. Given the path of a release `zoo` binary, runs
`zoo bench lunar --json` and prints the ratios (targets: zoo 1 copy >= 3x Gymnasium,
zoo 16 copies on 2 threads >= 2x EnvPool 16 on 2 threads).

With `--rounds N` (and a `zoo` binary) it instead compares the two 16-copies-on-2-threads
runners only, N rounds, each round one timed run of `zoo bench envs --env LunarLander-v3
--case 16:2` right after one timed run of the same EnvPool pool, and prints the min /
median / max of each and of the per-round ratio. On a shared machine the load changes
from minute to minute; a round's two runs see about the same load, so the ratio's spread
is far smaller than either runner's.

Usage: /work/venv/bin/python scripts/bench_lunar_vs_python.py [path/to/release/zoo] [--json out.json] [--rounds N]
"""

import importlib.util
import json
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

import gymnasium as gym
import numpy as np
from bench_common import best_of, envpool_steps_per_second, parse_args, timed_steps

# gymnasium.envs.box2d's __init__ imports CarRacing, which needs pygame (not installed and
# not needed headless): register the package without running its __init__.
_box2d_dir = Path(importlib.util.find_spec("gymnasium.envs").submodule_search_locations[0]) / "box2d"
_package = types.ModuleType("gymnasium.envs.box2d")
_package.__path__ = [str(_box2d_dir)]
sys.modules.setdefault("gymnasium.envs.box2d", _package)


def gymnasium_single(iterations, repeats):
    env = gym.make("LunarLander-v3")
    env.reset(seed=0)
    actions = np.random.default_rng(0).integers(4, size=iterations).tolist()

    def run():
        start = time.perf_counter()
        for t in range(iterations):
            _, _, terminated, truncated, _ = env.step(actions[t])
            if terminated or truncated:
                env.reset()
        return time.perf_counter() - start

    seconds = best_of(repeats, run)
    env.close()
    return iterations / seconds


def envpool_run(num_envs, num_threads, iterations, repeats):
    return envpool_steps_per_second("LunarLander-v3", 4, num_envs, num_threads, iterations, repeats)


def rounds_16_on_2_threads(zoo, rounds, envpool_iterations=5_000, zoo_iterations=5_000):
    """`rounds` alternating timed runs of Zoo and EnvPool, 16 copies on 2 threads each."""
    import envpool

    envs = envpool.make("LunarLander-v3", env_type="gymnasium", num_envs=16, batch_size=16, num_threads=2, seed=0)
    envs.reset()
    actions = np.random.default_rng(0).integers(4, size=(envpool_iterations, 16)).astype(np.int32)
    timed_steps(envs.step, actions[:500], 1)  # warm up
    command = [zoo, "bench", "envs", "--env", "LunarLander-v3", "--case", "16:2", "--repeats", "1",
               "--iterations", str(zoo_iterations), "--no-allocation-count", "--json"]
    samples = {"envpool": [], "zoo": [], "ratio": []}
    for _ in range(rounds):
        pool = envpool_iterations * 16 / timed_steps(envs.step, actions, 1)
        report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        ours = report["results"][0]["stepsPerSecond"]
        samples["envpool"].append(pool)
        samples["zoo"].append(ours)
        samples["ratio"].append(ours / pool)
    envs.close()
    print(f"LunarLander-v3, 16 copies on 2 threads, {rounds} rounds (env steps/s; ratio per round)")
    print(f"{'':<26}{'min':>12}{'median':>12}{'max':>12}")
    for name, values in samples.items():
        label = {"envpool": "EnvPool", "zoo": "Zoo", "ratio": "Zoo / EnvPool"}[name]
        fmt = "{:>12.2f}" if name == "ratio" else "{:>12,.0f}"
        print(f"{label:<26}" + "".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values))))
    return samples


def main():
    zoo, out = parse_args()
    if "--rounds" in sys.argv:
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1])
        if not zoo:
            sys.exit("--rounds needs the path of a release zoo binary")
        samples = rounds_16_on_2_threads(zoo, rounds)
        if out:
            with open(out, "w") as f:
                json.dump(samples, f, indent=2)
        return
    repeats = 3
    # Zoo first: EnvPool's worker threads may outlive their pool inside this process and
    # would compete with zoo's threads for the machine's cores.
    report = None
    if zoo:
        report = json.loads(subprocess.run([zoo, "bench", "lunar", "--json"], check=True, capture_output=True, text=True).stdout)
    results = {
        "gymnasium_1": gymnasium_single(20_000, repeats),
        "envpool_1_thread_1": envpool_run(1, 1, 20_000, repeats),
        "envpool_16_threads_2": envpool_run(16, 2, 5_000, repeats),
    }
    print(f"{'runner':<38}{'env steps/s':>14}")
    for name, value in results.items():
        print(f"{name:<38}{value:>14,.0f}")
    if report:
        rows = {(r["copies"], r["threads"]): r for r in report["results"]}
        zoo1 = rows[(1, 0)]["stepsPerSecond"]
        zoo16 = rows[(16, 2)]["stepsPerSecond"]
        zoo16sync = rows[(16, 0)]["stepsPerSecond"]
        results.update({"zoo_1_sync": zoo1, "zoo_16_sync": zoo16sync, "zoo_16_threads_2": zoo16})
        print(f"{'zoo 1 copy':<38}{zoo1:>14,.0f}")
        print(f"{'zoo 16 copies sync':<38}{zoo16sync:>14,.0f}")
        print(f"{'zoo 16 copies threads(2)':<38}{zoo16:>14,.0f}")
        print()
        print(f"zoo 1 copy / Gymnasium 1 env               : {zoo1 / results['gymnasium_1']:.2f}x (target 3x)")
        print(f"zoo 16 threads(2) / EnvPool 16 on 2 threads: {zoo16 / results['envpool_16_threads_2']:.2f}x (target 2x)")
        print(f"zoo 1 copy / EnvPool 1 copy 1 thread      : {zoo1 / results['envpool_1_thread_1']:.2f}x")
        steady = report.get("steadyState")
        allocs = [r.get("allocationsPerStep") for r in report["results"]]
        print(f"zoo allocations per env step incl. autoresets: {allocs}; per reset: {report.get('allocationsPerReset')}")
        if steady:
            print(f"zoo steady-state allocations: {steady['allocations']} in {steady['steps']} steps")
        results["zoo_allocations_per_step"] = allocs
        results["zoo_steady_state"] = steady
    if out:
        with open(out, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
