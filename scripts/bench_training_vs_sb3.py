#!/usr/bin/env python3
"""Training speed side by side: Zoo against Stable-Baselines3 with the same hyperparameters,
in one invocation, several rounds, each side at its fastest honest setting.

Needs a Python with SB3 and the CPU-only torch wheel (the CUDA build is what pip installs by
default, and it is no faster on a CPU):
  python3 -m venv /tmp/venv-sb3 && /tmp/venv-sb3/bin/pip install torch --index-url \
      https://download.pytorch.org/whl/cpu && /tmp/venv-sb3/bin/pip install stable-baselines3 "gymnasium[box2d]"
Run:   /tmp/venv-sb3/bin/python scripts/bench_training_vs_sb3.py --zoo .build/release/zoo [--rounds 3]
           [--cases ppo-lunar,a2c-lunar,a2c-lunar-sb3-defaults] [--steps-scale 1.0]

Cases (LunarLander-v3; SB3's environments with render_mode=None — make_vec_env's default
rgb_array slows LunarLander 3-4×):
  ppo-lunar               rl-baselines3-zoo's PPO: 16 copies × 1024 steps, batch 64, 4 epochs,
                          γ 0.999, λ 0.98, entropy 0.01, separate 64-64 tanh actor and critic
                          (recipes/ppo-lunar.yaml; SB3 MlpPolicy)
  a2c-lunar               Gymnasium's A2C tutorial: 10 copies × 128 steps, γ 0.999, λ 0.95,
                          entropy 0.01, value 1.0, 32-32 ReLU actor and critic, RMSprop
                          (recipes/a2c-lunar.yaml; SB3 A2C with net_arch pi/vf 32-32 ReLU)
  a2c-lunar-sb3-defaults  SB3's A2C defaults: 8 copies × 5 steps, 64-64 tanh, RMSprop 7e-4,
                          grad clip 0.5 (recipes/a2c-cartpole.yaml's settings on LunarLander)

Each round runs every side once: SB3 with 1 and 2 torch threads, Zoo on one thread (copies
stepped in the calling thread) and on 2 threads (copies on 2 threads, and the actor and
critic learning side by side: train.kernel_threads=2). Prints steps/s min / median / max
per side and the ratio of Zoo's best median to SB3's best median.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

CASES = {
    "ppo-lunar": dict(recipe="recipes/ppo-lunar.yaml", steps=200_000, copies=16, overrides=[]),
    "a2c-lunar": dict(recipe="recipes/a2c-lunar.yaml", steps=100_000, copies=10, overrides=[]),
    "a2c-lunar-sb3-defaults": dict(recipe="recipes/a2c-cartpole.yaml", steps=50_000, copies=8,
                                   overrides=["env.id=LunarLander-v3", "train.target_return=null"]),
}


def sb3_model(case, env):
    import torch
    from stable_baselines3 import A2C, PPO
    if case == "ppo-lunar":
        return PPO("MlpPolicy", env, n_steps=1024, batch_size=64, n_epochs=4, gamma=0.999, gae_lambda=0.98,
                   ent_coef=0.01, verbose=0, seed=0, device="cpu")
    if case == "a2c-lunar":
        return A2C("MlpPolicy", env, n_steps=128, gamma=0.999, gae_lambda=0.95, ent_coef=0.01, vf_coef=1.0,
                   max_grad_norm=1e9, learning_rate=1e-3, use_rms_prop=True, rms_prop_eps=1e-8,
                   policy_kwargs=dict(net_arch=dict(pi=[32, 32], vf=[32, 32]), activation_fn=torch.nn.ReLU),
                   verbose=0, seed=0, device="cpu")
    return A2C("MlpPolicy", env, verbose=0, seed=0, device="cpu")


def sb3_steps_per_second(case, steps, threads):
    """SB3's training speed in this process (called in a fresh worker process)."""
    import gymnasium as gym
    import torch
    from stable_baselines3.common.monitor import Monitor
    from stable_baselines3.common.vec_env import DummyVecEnv

    torch.set_num_threads(threads)
    copies = CASES[case]["copies"]
    env = DummyVecEnv([lambda: Monitor(gym.make("LunarLander-v3", render_mode=None)) for _ in range(copies)])
    model = sb3_model(case, env)
    start = time.perf_counter()
    model.learn(total_timesteps=steps)
    return model.num_timesteps / (time.perf_counter() - start)


def run_sb3(case, steps, threads):
    """SB3 in a fresh process with `threads` torch threads and OpenMP/MKL pools of the same
    size: torch.set_num_threads alone leaves OpenMP's idle workers spinning, which slowed
    SB3 by a third here (2.6k against 4.0k steps/s)."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    out = subprocess.run([sys.executable, __file__, "--sb3-worker", case, str(steps), str(threads)], env=env,
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def run_zoo(zoo, case, steps, threads):
    spec = CASES[case]
    out = tempfile.mkdtemp(prefix="zoo-bench-train-")
    vectorization = (["env.vectorization=threads", "env.threads=2", "train.kernel_threads=2"] if threads == 2
                     else ["env.vectorization=sync", "train.kernel_threads=1"])
    args = [zoo, "train", spec["recipe"], "--set", f"train.steps={steps}", "--set", f"output.dir={out}",
            "--set", "output.tensorboard=false", "--set", "output.plot=false"]
    for o in spec["overrides"] + vectorization:
        args += ["--set", o]
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    summary = json.loads(pathlib.Path(out, "summary.json").read_text())
    return summary["env_steps"] / elapsed


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--sb3-worker":
        print(sb3_steps_per_second(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--zoo", default=".build/release/zoo")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--steps-scale", type=float, default=1.0)
    args = ap.parse_args()
    for case in args.cases.split(","):
        steps = int(CASES[case]["steps"] * args.steps_scale)
        sides = {"SB3, 1 torch thread": lambda: run_sb3(case, steps, 1),
                 "SB3, 2 torch threads": lambda: run_sb3(case, steps, 2),
                 "Zoo, sync": lambda: run_zoo(args.zoo, case, steps, 1),
                 "Zoo, 2 threads": lambda: run_zoo(args.zoo, case, steps, 2)}
        results = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, run in sides.items():
                results[name].append(run())
        print(f"\n{case}: {steps} steps, {args.rounds} rounds ({time.strftime('%Y-%m-%d')})")
        print(f"{'side':24} {'min':>9} {'median':>9} {'max':>9}  steps/s")
        for name, values in results.items():
            print(f"{name:24} {min(values):9.0f} {statistics.median(values):9.0f} {max(values):9.0f}")
        best_sb3 = max(statistics.median(v) for n, v in results.items() if n.startswith("SB3"))
        best_zoo = max(statistics.median(v) for n, v in results.items() if n.startswith("Zoo"))
        print(f"Zoo / SB3 (best medians): {best_zoo / best_sb3:.2f}x")


if __name__ == "__main__":
    main()
