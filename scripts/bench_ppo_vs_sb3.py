"""PPO speed: Zoo against Stable-Baselines3 with the same hyperparameters, on this machine.

Needs: pip install stable-baselines3 gymnasium box2d pygame torch
Run: venv/bin/python scripts/bench_ppo_vs_sb3.py [--steps 1000000] [--zoo .build/release/zoo]
     [--recipe recipes/ppo-lunar.yaml] [--torch-threads 1]

Both sides train PPO on LunarLander-v3 with rl-baselines3-zoo's hyperparameters (16 copies,
n_steps 1024, batch 64, 4 epochs, gamma 0.999, lambda 0.98, entropy 0.01, 64-64 tanh) for the
same number of steps. SB3's environments are built with render_mode=None (make_vec_env's
default rgb_array slows LunarLander 3-4x). Prints wall time, steps/s and Zoo/SB3.
"""
import argparse
import json
import pathlib
import subprocess
import tempfile
import time


def run_sb3(steps, threads):
    import gymnasium as gym
    import torch
    from stable_baselines3 import PPO
    from stable_baselines3.common.monitor import Monitor
    from stable_baselines3.common.vec_env import DummyVecEnv

    torch.set_num_threads(threads)
    env = DummyVecEnv([lambda: Monitor(gym.make("LunarLander-v3", render_mode=None)) for _ in range(16)])
    model = PPO("MlpPolicy", env, n_steps=1024, batch_size=64, n_epochs=4, gamma=0.999, gae_lambda=0.98,
                ent_coef=0.01, verbose=0, seed=0, device="cpu")
    start = time.perf_counter()
    model.learn(total_timesteps=steps)
    elapsed = time.perf_counter() - start
    returns = [e["r"] for e in model.ep_info_buffer]
    return elapsed, (sum(returns) / len(returns)) if returns else float("nan")


def run_zoo(zoo, recipe, steps):
    out = tempfile.mkdtemp(prefix="zoo-bench-ppo-")
    start = time.perf_counter()
    subprocess.run([zoo, "train", recipe, "--set", f"train.steps={steps}", "--set", f"output.dir={out}",
                    "--set", "output.tensorboard=false", "--set", "output.plot=false"],
                   check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    summary = json.loads(pathlib.Path(out, "summary.json").read_text())
    return elapsed, summary.get("final_mean_return"), summary["env_steps"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1_000_000)
    ap.add_argument("--zoo", default=".build/release/zoo")
    ap.add_argument("--recipe", default="recipes/ppo-lunar.yaml")
    ap.add_argument("--torch-threads", type=int, default=1)
    args = ap.parse_args()
    z_time, z_return, z_steps = run_zoo(args.zoo, args.recipe, args.steps)
    s_time, s_return = run_sb3(args.steps, args.torch_threads)
    print(f"PPO on LunarLander-v3, {args.steps} steps, torch threads {args.torch_threads}")
    print(f"{'':8} {'seconds':>9} {'steps/s':>9} {'mean return (last 100 train eps)':>34}")
    print(f"{'SB3':8} {s_time:9.1f} {args.steps / s_time:9.0f} {s_return:34.1f}")
    print(f"{'Zoo':8} {z_time:9.1f} {z_steps / z_time:9.0f} {z_return if z_return is not None else float('nan'):34.1f}")
    print(f"Zoo/SB3 speed: {(z_steps / z_time) / (args.steps / s_time):.2f}x")


if __name__ == "__main__":
    main()
