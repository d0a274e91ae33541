"""Helpers shared by the environment benchmark scripts (bench_envs_vs_python.py,
bench_lunar_vs_python.py): best-of timing, an EnvPool throughput run, and the common
command line `[path/to/release/zoo] [--json out.json]`."""

import sys
import time

import numpy as np


def best_of(repeats, fn):
    """The smallest of `repeats` calls of `fn` (seconds)."""
    best = float("inf")
    for _ in range(repeats):
        best = min(best, fn())
    return best


def timed_steps(step, actions, repeats):
    """Best-of seconds to call `step(actions[t])` for every row of `actions`."""
    def run():
        start = time.perf_counter()
        for t in range(len(actions)):
            step(actions[t])
        return time.perf_counter() - start

    return best_of(repeats, run)


def envpool_steps_per_second(env_id, action_count, num_envs, num_threads, iterations, repeats):
    """EnvPool (gymnasium API) steps/s for `num_envs` copies on `num_threads` threads,
    random discrete actions drawn before the timed loop."""
    import envpool

    envs = envpool.make(env_id, env_type="gymnasium", num_envs=num_envs, batch_size=num_envs,
                        num_threads=num_threads, seed=0)
    envs.reset()
    actions = np.random.default_rng(0).integers(action_count, size=(iterations, num_envs)).astype(np.int32)
    seconds = timed_steps(envs.step, actions, repeats)
    envs.close()
    return iterations * num_envs / seconds


def parse_args():
    """`(zoo binary path or None, JSON output path or None)` from the command line; a
    `--rounds N` option is left for the caller to read."""
    args = sys.argv[1:]
    out = None
    if "--json" in args:
        i = args.index("--json")
        out = args[i + 1]
        del args[i : i + 2]
    if "--rounds" in args:
        i = args.index("--rounds")
        del args[i : i + 2]
    return (args[0] if args else None), out
