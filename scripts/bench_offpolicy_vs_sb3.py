"""Off-policy training speed: Zoo against Stable-Baselines3 with the same hyperparameters,
side by side on this machine.

Needs: pip install stable-baselines3 gymnasium box2d pygame pyyaml torch
       swift build -c release --product zoo
Run:   python3 scripts/bench_offpolicy_vs_sb3.py [--rounds 3] [--cases dqn-cartpole,sac-pendulum]
       [--steps N] [--threads 1,2] [--zoo .build/release/zoo] [--json out.json]

Cases (hyperparameters read from the recipe, so both sides train with the same ones):
  dqn-cartpole   DQN, CartPole-v1,     recipes/dqn-cartpole.yaml, 20,000 steps
  dqn-lunar      DQN, LunarLander-v3,  recipes/dqn-lunar.yaml,    20,000 steps
  sac-pendulum   SAC, Pendulum-v1,     recipes/sac-pendulum.yaml,  5,000 steps
  td3-pendulum   TD3, Pendulum-v1,     recipes/td3-pendulum.yaml,  5,000 steps
Every step count is well past the recipe's learning_starts. `--steps` replaces them all.

Each round runs, for every case, Zoo once and SB3 once per torch thread count (1 and 2 by
default), each in a fresh process, alternating, so drift in the machine's load hits both
sides alike. Both sides are timed inside their process, excluding process start, imports,
recipe parsing and network construction: Zoo's time is summary.json's `wall_seconds`
(Trainer.run, from the first reset to the last update; Zoo runs on one thread, its
default), SB3's is the time around `model.learn()`. Steps/s divide each side's own count of
environment steps (SB3's `num_timesteps`, Zoo's `env_steps`; a final rollout may overshoot
the budget by up to train_freq). SB3 runs on `device="cpu"` with `torch.set_num_threads(t)`
and a Gymnasium environment made with `render_mode=None`, wrapped in `Monitor` and
`DummyVecEnv` as SB3 does itself. The ratio Zoo/SB3 compares medians, against the SB3 thread
count with the best median (reported).

Values shared by name between a Zoo recipe and SB3's constructors (buffer_size,
learning_starts, batch_size, tau, gamma, train_freq, gradient_steps, target_update_interval,
exploration_*, max_grad_norm, ent_coef, target_entropy, policy_delay, target_policy_noise,
target_noise_clip) are passed as the recipe gives them, or as Zoo's documented default
(which is SB3's) when the recipe leaves them out; `networks` becomes `net_arch` and
`learning_rate` (SB3 has one rate and one architecture per policy here: the script refuses
recipes whose actor and critic differ), `action_noise` a `NormalActionNoise`.
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent

CASES = {
    "dqn-cartpole": ("dqn", "recipes/dqn-cartpole.yaml", 20_000),
    "dqn-lunar": ("dqn", "recipes/dqn-lunar.yaml", 10_000),
    "sac-pendulum": ("sac", "recipes/sac-pendulum.yaml", 3_000),
    "td3-pendulum": ("td3", "recipes/td3-pendulum.yaml", 3_000),
}

# Zoo's defaults (`zoo algorithms`), which are SB3's; each side receives these explicitly.
DEFAULTS = {
    "dqn": {"buffer_size": 1_000_000, "learning_starts": 100, "batch_size": 32, "tau": 1.0, "gamma": 0.99,
            "train_freq": 4, "gradient_steps": 1, "target_update_interval": 10_000, "exploration_fraction": 0.1,
            "exploration_initial_eps": 1.0, "exploration_final_eps": 0.05, "max_grad_norm": 10.0,
            "networks": {"q": {"hidden": [64, 64], "lr": 1e-4}}},
    "sac": {"buffer_size": 1_000_000, "learning_starts": 100, "batch_size": 256, "tau": 0.005, "gamma": 0.99,
            "train_freq": 1, "gradient_steps": 1, "ent_coef": "auto", "target_entropy": "auto",
            "target_update_interval": 1,
            "networks": {"actor": {"hidden": [256, 256], "lr": 3e-4}, "critic": {"hidden": [256, 256], "lr": 3e-4}}},
    "td3": {"buffer_size": 1_000_000, "learning_starts": 100, "batch_size": 256, "tau": 0.005, "gamma": 0.99,
            "train_freq": 1, "gradient_steps": 1, "policy_delay": 2, "target_policy_noise": 0.2,
            "target_noise_clip": 0.5, "action_noise": 0.1,
            "networks": {"actor": {"hidden": [400, 300], "lr": 1e-3}, "critic": {"hidden": [400, 300], "lr": 1e-3}}},
}


def number(v):
    """YAML 1.1 reads `1e-3` (no dot) as a string; recipes may write either."""
    if isinstance(v, str):
        try:
            return float(v.replace("_", ""))
        except ValueError:
            return v
    return v


def sb3_settings(algorithm, recipe_path):
    """(env id, SB3 constructor kwargs without the env) from a Zoo recipe."""
    import yaml

    recipe = yaml.safe_load((ROOT / recipe_path).read_text())
    env = recipe["env"]
    if env.get("copies", 1) != 1:
        raise SystemExit(f"{recipe_path}: the comparison runs one environment copy")
    section = {k: number(v) for k, v in recipe["algorithm"].items() if k != "name"}
    if recipe["algorithm"]["name"] != algorithm:
        raise SystemExit(f"{recipe_path} trains {recipe['algorithm']['name']}, not {algorithm}")
    settings = {k: v for k, v in DEFAULTS[algorithm].items() if k != "networks"}
    networks = {name: dict(net) for name, net in DEFAULTS[algorithm]["networks"].items()}
    for name, net in (section.pop("networks", None) or {}).items():
        networks[name].update({k: number(v) for k, v in net.items()})
    unknown = set(section) - set(settings)
    if unknown:
        raise SystemExit(f"{recipe_path}: no SB3 equivalent known for {sorted(unknown)}")
    settings.update(section)
    for net in networks.values():
        extra = set(net) - {"hidden", "lr", "activation", "optimizer"}
        if extra or net.get("activation", "relu") != "relu" or net.get("optimizer", "adam") != "adam":
            raise SystemExit(f"{recipe_path}: network settings {net} have no SB3 equivalent here")
    archs = {tuple(n["hidden"]) for n in networks.values()}
    rates = {float(n["lr"]) for n in networks.values()}
    if len(archs) != 1 or len(rates) != 1:
        raise SystemExit(f"{recipe_path}: SB3 takes one net_arch and one learning rate; got {networks}")
    kwargs = dict(settings)
    kwargs["learning_rate"] = rates.pop()
    kwargs["policy_kwargs"] = {"net_arch": list(archs.pop())}
    for k in ("buffer_size", "learning_starts", "batch_size", "train_freq", "gradient_steps",
              "target_update_interval", "policy_delay"):
        if k in kwargs:
            kwargs[k] = int(kwargs[k])
    return env["id"], kwargs


def sb3_worker(case, steps, threads):
    """One SB3 training run in this process; prints {"seconds", "steps"} as JSON."""
    import gymnasium as gym
    import numpy as np
    import torch
    import stable_baselines3 as sb3
    from stable_baselines3.common.noise import NormalActionNoise

    torch.set_num_threads(threads)
    algorithm, recipe, _ = CASES[case]
    env_id, kwargs = sb3_settings(algorithm, recipe)
    env = gym.make(env_id, render_mode=None)
    if "action_noise" in kwargs:
        sigma = kwargs.pop("action_noise")
        dims = env.action_space.shape[0]
        kwargs["action_noise"] = NormalActionNoise(np.zeros(dims), sigma * np.ones(dims)) if sigma > 0 else None
    cls = {"dqn": sb3.DQN, "sac": sb3.SAC, "td3": sb3.TD3}[algorithm]
    model = cls("MlpPolicy", env, verbose=0, seed=0, device="cpu", **kwargs)
    start = time.perf_counter()
    model.learn(total_timesteps=steps)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "steps": int(model.num_timesteps), "torch": torch.__version__,
                      "sb3": sb3.__version__, "threads": torch.get_num_threads()}))


def run_sb3(case, steps, threads):
    out = subprocess.run([sys.executable, __file__, "--sb3-worker", case, str(steps), str(threads)],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"SB3 {case} ({threads} threads) failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_zoo(zoo, case, steps, threads):
    _, recipe, _ = CASES[case]
    with tempfile.TemporaryDirectory(prefix="zoo-bench-offpolicy-") as out:
        subprocess.run([zoo, "train", recipe, "--set", f"train.steps={steps}", "--set", f"output.dir={out}",
                        "--set", f"train.kernel_threads={threads}",
                        # No evaluation during the timed run (SB3 is timed without its EvalCallback).
                        "--set", "train.eval.every=1000000000",
                        "--set", "output.tensorboard=false", "--set", "output.plot=false"],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        summary = json.loads(pathlib.Path(out, "summary.json").read_text())
    return {"seconds": summary["wall_seconds"], "steps": summary["env_steps"]}


def stats(runs):
    rates = [r["steps"] / r["seconds"] for r in runs]
    return {"min": min(rates), "median": statistics.median(rates), "max": max(rates), "runs": runs}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--zoo", default=".build/release/zoo")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated, from " + ", ".join(CASES))
    ap.add_argument("--steps", type=int, help="environment steps per run for every case (default: per case)")
    ap.add_argument("--threads", default="1,2", help="torch thread counts to try for SB3")
    ap.add_argument("--zoo-threads", default="1,2", help="train.kernel_threads values to try for Zoo")
    ap.add_argument("--json", help="write every run and the summary here")
    args = ap.parse_args()
    cases = args.cases.split(",")
    for c in cases:
        if c not in CASES:
            raise SystemExit(f"unknown case {c}; cases are {', '.join(CASES)}")
    zoo = str((ROOT / args.zoo).resolve()) if not pathlib.Path(args.zoo).is_absolute() else args.zoo
    if not pathlib.Path(zoo).exists():
        raise SystemExit(f"{zoo} not found: swift build -c release --product zoo")
    threads = [int(t) for t in args.threads.split(",")]
    zoo_threads = [int(t) for t in args.zoo_threads.split(",")]
    steps = {c: args.steps or CASES[c][2] for c in cases}
    runs = {c: {**{f"zoo-{t}": [] for t in zoo_threads}, **{f"sb3-{t}": [] for t in threads}} for c in cases}
    versions = {}
    for r in range(args.rounds):
        for c in cases:
            for t in zoo_threads:
                runs[c][f"zoo-{t}"].append(run_zoo(zoo, c, steps[c], t))
            for t in threads:
                result = run_sb3(c, steps[c], t)
                versions = {"torch": result["torch"], "stable_baselines3": result["sb3"]}
                runs[c][f"sb3-{t}"].append({"seconds": result["seconds"], "steps": result["steps"]})
            print(f"round {r + 1}/{args.rounds} {c}: " + ", ".join(
                f"{k} {v[-1]['steps'] / v[-1]['seconds']:.0f} steps/s" for k, v in runs[c].items()), flush=True)
    print(f"\nsteps/s over {args.rounds} rounds (min / median / max); Zoo with train.kernel_threads; "
          f"SB3 {versions.get('stable_baselines3')} with torch {versions.get('torch')} on the CPU")
    report = {"versions": versions, "rounds": args.rounds, "cases": {}}
    for c in cases:
        s = {k: stats(v) for k, v in runs[c].items()}
        best = max(threads, key=lambda t: s[f"sb3-{t}"]["median"])
        zoo_best = max(zoo_threads, key=lambda t: s[f"zoo-{t}"]["median"])
        ratio = s[f"zoo-{zoo_best}"]["median"] / s[f"sb3-{best}"]["median"]
        print(f"{c} ({steps[c]} steps, {CASES[c][1]})")
        for k, v in s.items():
            side, count = k.split("-")
            label = (f"Zoo, {count} kernel thread" if side == "zoo" else f"SB3, torch {count} thread") + ("s" if count != "1" else "")
            print(f"  {label:22} {v['min']:9.0f} {v['median']:9.0f} {v['max']:9.0f}")
        print(f"  Zoo/SB3 (medians, each side at its best: Zoo {zoo_best}, SB3 {best} thread{'s' if best != 1 else ''}): {ratio:.2f}x")
        report["cases"][c] = {"steps": steps[c], "recipe": CASES[c][1], "sb3_best_threads": best,
                              "zoo_best_threads": zoo_best,
                              "zoo_over_sb3": ratio, "steps_per_second": s}
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--sb3-worker":
        sb3_worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
