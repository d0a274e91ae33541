#!/usr/bin/env python3
"""Fuzz the built `zoo` binary with broken recipes, flags and checkpoints.

Every case runs `zoo` in a sandbox directory with a time limit and must end as a user
mistake is meant to end: exit status 0 (the input was fine) or 2 with exactly one
`error: ...` line on standard error (a debug build's `note:` line aside) — never a signal
(crash, trap), never a hang, never a file written outside the sandbox's run directories.
For recipes, `zoo validate` and `zoo train` must agree: a recipe that validates trains,
one that does not is refused by both.

Cases are generated from a seed (reproducible) until the case or time budget is spent:
  - recipes: the shipped recipes mutated (values replaced by wrong types, huge, negative
    or non-finite numbers; keys renamed, duplicated or nested; text truncated, bytes
    flipped, NUL bytes, YAML bombs, multi-document streams, very long values, names
    with path separators, huge networks and rollouts);
  - flags: `--set` with bad paths and values, negative or garbage numbers, unknown
    options, bad `--memory-limit`, eval kwargs;
  - checkpoints: a real run's checkpoint with flipped bytes, truncations, forged header
    lengths, garbage headers and edited metadata, given to `zoo eval` and `zoo train
    --resume`;
  - sweeps: the shipped sweep file mutated (bad values and ranges, unknown kinds and
    keys, keys the sweep sets itself, deleted lines, truncations), given to `zoo sweep
    --report-only` (which validates every configuration and trains nothing), and
    `--backend` options that do not fit, given to `zoo compare` and `zoo sweep --dry-run`.

Usage: python3 scripts/fuzz_cli.py --zoo .build/debug/zoo [--seconds 120] [--seed 0]
Prints the counts and a closing line `fuzz: N passed, M failed`; exits 1 on any failure.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECIPES = sorted(os.path.join(ROOT, "recipes", f) for f in os.listdir(os.path.join(ROOT, "recipes"))
                 if f.endswith(".yaml"))

BAD_VALUES = ["-1", "0", "1e300", "-1e300", ".nan", ".inf", "-.inf", "abc", "[1, 2]", "{a: 1}", "''", "~",
              "99999999999999999999999", "1e-300", "true", "[100000, 100000]", "!!binary aGVsbG8=",
              "'" + "x" * 20000 + "'", "\"\\u0000\"", "*undefined", "[[[[[[[[[[]]]]]]]]]]"]
KEYS = ["env.id", "env.copies", "env.kwargs.gravity", "env.kwargs.wind_power", "env.kwargs.enable_wind",
        "env.max_episode_steps", "env.wrappers", "env.threads", "algorithm.name", "algorithm.steps",
        "algorithm.gamma", "algorithm.lr", "algorithm.batch_size", "algorithm.epochs", "algorithm.generations",
        "algorithm.networks.actor.hidden", "algorithm.networks.critic.lr", "algorithm.networks.actor.activation",
        "train.steps", "train.updates", "train.seed", "train.window", "train.target_return", "output.checkpoint_every",
        "name", "nonsense.key", "algorithm.networks", "env"]
SWEEP = open(os.path.join(ROOT, "sweeps", "ppo-cartpole-lr-ent.yaml"), encoding="utf-8").read() \
    .replace("recipe: recipes/", "recipe: " + os.path.join(ROOT, "recipes") + "/")
SWEEP_KINDS = ["grid", "choice", "uniform", "log_uniform", "integer", "unifrom", "normal"]
BACKEND_FLAGS = [["--backend", "nope"], ["--partition", "x"], ["--backend", "slurm", "--partition", ""],
                 ["--backend", "slurm", "--time", "a b"], ["--backend", "slurm", "--cpus-per-task", "0"],
                 ["--backend", "slurm", "--sbatch-arg", "mem=4G"], ["--backend", "slurm", "--sbatch-arg", "--a\nb"],
                 ["--dry-run"], ["--report-only", "--dry-run", "--backend", "slurm"], ["--jobs", "0"],
                 ["--backend", "slurm", "--dry-run", "--jobs", "2", "--sbatch-arg=--mem=1G", "--time", "5"]]


class Sandbox:
    """A directory to run in; files may appear only under its `runs/` folder."""

    def __init__(self, base):
        self.root = tempfile.mkdtemp(prefix="zoo-fuzz-", dir=base)
        self.work = os.path.join(self.root, "work")
        os.makedirs(os.path.join(self.work, "inputs"))

    def allowed(self, path):
        rel = os.path.relpath(path, self.work)
        return not rel.startswith("..") and (rel.startswith("runs") or rel.startswith("inputs"))

    def files(self):
        out = set()
        for d, _, names in os.walk(self.root):
            for n in names:
                out.add(os.path.join(d, n))
        return out

    def write(self, name, data):
        path = os.path.join(self.work, "inputs", name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
        return path


class Fuzzer:
    def __init__(self, zoo, seed, seconds, timeout, base):
        self.zoo = os.path.abspath(zoo)
        self.random = random.Random(seed)
        self.deadline = time.monotonic() + seconds
        self.timeout = timeout
        self.sandbox = Sandbox(base)
        self.counts = {"cases": 0, "accepted": 0, "clean errors": 0, "crashes": 0, "hangs": 0,
                       "unclear errors": 0, "stray files": 0, "validate/train disagreements": 0}
        self.failures = []
        self.checkpoint_run = None

    # -- running ---------------------------------------------------------------------

    def run(self, args, label):
        """Runs zoo with `args`; returns its exit status (None on a hang)."""
        before = self.sandbox.files()
        start = time.monotonic()
        proc = subprocess.Popen([self.zoo] + args, cwd=self.sandbox.work, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            self.fail("hangs", label, args, f"no exit after {self.timeout} s")
            return None
        self.counts["cases"] += 1
        status = proc.returncode
        lines = [l for l in err.decode("utf-8", "replace").splitlines() if not l.startswith("note: ")]
        if status < 0 or status >= 128 or status not in (0, 2):
            self.fail("crashes", label, args, f"exit {status}: {lines[-3:]}")
        elif status == 2:
            if len(lines) == 1 and lines[0].startswith("error: ") and len(lines[0]) <= 1000:
                self.counts["clean errors"] += 1
            else:
                self.fail("unclear errors", label, args, f"{len(lines)} lines: {[l[:200] for l in lines[:3]]}")
        else:
            self.counts["accepted"] += 1
        stray = [p for p in self.sandbox.files() - before if not self.sandbox.allowed(p)]
        if stray:
            self.fail("stray files", label, args, f"wrote {stray[:3]}")
        self.elapsed = time.monotonic() - start
        return status

    def fail(self, kind, label, args, detail):
        self.counts[kind] += 1
        shown = " ".join(a if len(a) < 80 else a[:77] + "..." for a in args)
        self.failures.append(f"{kind}: {label}: zoo {shown}: {detail}")

    def out_dir(self):
        return os.path.join(self.sandbox.work, "runs", f"case{self.counts['cases']}")

    # -- recipes ---------------------------------------------------------------------

    def mutated_recipe(self):
        text = open(self.random.choice(RECIPES), encoding="utf-8").read()
        r = self.random
        kind = r.randrange(12)
        if kind == 0:
            text = text[: r.randrange(len(text))]
        elif kind == 1:
            data = bytearray(text.encode())
            for _ in range(r.randint(1, 4)):
                data[r.randrange(len(data))] = r.randrange(256)
            return bytes(data), "flipped bytes"
        elif kind == 2:
            lines = text.splitlines()
            del lines[r.randrange(len(lines))]
            text = "\n".join(lines)
        elif kind == 3:
            lines = text.splitlines()
            i = r.randrange(len(lines))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == 4:
            text = "a: &a [x, x, x, x, x, x, x, x]\n" + "".join(
                f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, c in zip("abcdefgh", "bcdefghi")) + text
        elif kind == 5:
            text = text.replace(":", ":\0", 1)
        elif kind == 6:
            text = text + "\n---\n" + text
        elif kind == 7:
            text = "name: " + r.choice(["../../escaped", "/abs/x", ".hidden", "a/b", "x" * 200000, "''"]) + "\n" + text
        elif kind == 8:
            text = text + "\n" + "# " + "c" * r.choice([10, 100000, 3000000]) + "\n"
        elif kind == 9:
            text = text + "\n" + "? [a, b]\n: 1\n"
        elif kind == 10:
            text = "[" * r.choice([10, 2000]) + text
        else:
            text = text.replace("steps", r.choice(["stpes", "steps: 1\n  steps"]), 1)
        return text, f"mutation {kind}"

    def recipe_case(self):
        data, how = self.mutated_recipe()
        path = self.sandbox.write(f"r{self.counts['cases']}.yaml", data)
        sets = []
        for _ in range(self.random.choice([0, 0, 1, 2])):
            sets += ["--set", f"{self.random.choice(KEYS)}={self.random.choice(BAD_VALUES)}"]
        self.validate_and_train(path, sets, how)

    def flag_case(self):
        recipe = self.random.choice(RECIPES)
        r = self.random
        kind = r.randrange(6)
        if kind == 0:
            self.validate_and_train(recipe, ["--set", f"{r.choice(KEYS)}={r.choice(BAD_VALUES)}"], "bad --set value")
        elif kind == 1:
            self.validate_and_train(recipe, ["--set", r.choice(["=1", "a..b=1", "noequals", ".=3", "env.id.x=1"])],
                                    "bad --set form")
        elif kind == 2:
            self.validate_and_train(recipe, ["--memory-limit", r.choice(["-1", "0", "abc", "1e400", "12Q", "1K"])],
                                    "bad --memory-limit")
        elif kind == 3:
            flag = r.choice(["--seeds", "--jobs", "--steps"])
            self.run(["compare", recipe, flag, r.choice(["-1", "0", "x", "99999999999999999999"]),
                      "--out", os.path.join(self.sandbox.work, "runs", "cmp")], "compare flags")
        elif kind == 4:
            self.run(["eval", "--env", r.choice(["LunarLander-v3", "CartPole-v1", "Nope-v0"]), "--episodes",
                      r.choice(["1", "-3", "0"]), "--kwarg", r.choice(["wind_power=1e300", "gravity=abc", "x",
                                                                       "enable_wind=true", "=3"])], "eval kwargs")
        else:
            self.run([r.choice(["train", "validate", "eval", "play", "compare"]),
                      r.choice(["--bogus", "--set", "--resume", "missing.yaml", "-x"])], "unknown option")

    def sweep_case(self):
        r = self.random
        lines = SWEEP.splitlines()
        body = [i for i, line in enumerate(lines) if line and not line.startswith("#")]
        i = r.choice(body)
        kind = r.randrange(8)
        if kind == 0 and ":" in lines[i]:
            lines[i] = lines[i].split(":")[0] + ": " + r.choice(BAD_VALUES)
        elif kind == 1:
            lines[i] = lines[i].replace("e", "", 1)
        elif kind == 2:
            lines[i] = lines[i].replace("[1.0e-4, 3.0e-3]", r.choice(["[3.0e-3, 1.0e-4]", "[0, 1]", "[-1, 1]", "[1]"]))
            lines[i] = lines[i].replace("[0.0, 0.02]", r.choice(["[0.02, 0.0]", "[0, 5000]", "[a, b]", "[.nan, 1]"]))
        elif kind == 3:
            lines[i] = lines[i].replace("log_uniform", r.choice(SWEEP_KINDS)).replace("{uniform", "{" + r.choice(SWEEP_KINDS))
        elif kind == 4:
            lines.append(r.choice(["method: grid", "budget: 0", "seeds: -1", "halving: {eta: 1, min_steps: 10}",
                                   "halving: {min_steps: 90000}", "steps: 0", "seed: x", "extra: 1"]))
        elif kind == 5:
            lines.append("  " + r.choice(KEYS) + ": " + r.choice(["{choice: [1, 2]}", "{uniform: [0, 1]}", "{integer: [1, 3]}"]))
        elif kind == 6:
            del lines[i]
        text = "\n".join(lines) + "\n"
        if kind == 7:
            text = text[: r.randrange(len(text))]
        path = self.sandbox.write(f"s{self.counts['cases']}.yaml", text)
        out = os.path.join(self.sandbox.work, "runs", f"sweep{self.counts['cases']}")
        if r.random() < 0.8:
            self.run(["sweep", path, "--report-only", "--out", out], f"sweep mutation {kind}")
        else:
            command = r.choice([["compare", r.choice(RECIPES)], ["sweep", path]])
            self.run(command + r.choice(BACKEND_FLAGS) + ["--out", out], "backend flags")

    def validate_and_train(self, recipe, flags, label):
        status = self.run(["validate", recipe] + flags, label + " (validate)")
        if status is None or time.monotonic() > self.deadline:
            return
        # Train with a tiny budget into the sandbox; validate the very same recipe (with
        # those two overrides) to check that both accept or both refuse it.
        extra = ["--set", "train.steps=64", "--set", f"output.dir={self.out_dir()}"]
        same = self.run(["validate", recipe] + flags + extra, label + " (validate as trained)")
        train = self.run(["train", recipe] + flags + extra, label + " (train)")
        if same is not None and train is not None and (same == 0) != (train == 0):
            self.fail("validate/train disagreements", label, ["train", recipe] + flags + extra,
                      f"validate exit {same}, train exit {train}")

    # -- checkpoints -----------------------------------------------------------------

    def checkpoint_case(self):
        if self.checkpoint_run is None:
            self.checkpoint_run = os.path.join(self.sandbox.work, "runs", "base")
            status = self.run(["train", os.path.join(ROOT, "recipes", "ppo-cartpole.yaml"), "--set",
                               "train.steps=512", "--set", f"output.dir={self.checkpoint_run}"], "base run")
            if status != 0:
                raise SystemExit("the base run for checkpoint cases did not train")
        original = open(os.path.join(self.checkpoint_run, "checkpoints", "last.safetensors"), "rb").read()
        r = self.random
        data = bytearray(original)
        header = int.from_bytes(data[:8], "little")
        kind = r.randrange(7)
        if kind == 0:
            for _ in range(r.randint(1, 3)):
                data[r.randrange(len(data))] ^= 1 << r.randrange(8)
        elif kind == 1:
            data = data[: r.randrange(len(data))]
        elif kind == 2:
            data[:8] = r.choice([2**63, 2**40, header + 1, 0, 7]).to_bytes(8, "little")
        elif kind == 3:
            data[8: 8 + header] = bytes(r.randrange(256) for _ in range(header))
        elif kind == 4:
            i = 8 + r.randrange(header)
            data[i] = ord(r.choice("{}[],:\"0123456789-eE"))
        elif kind == 5:
            data[8 + header + r.randrange(len(data) - 8 - header)] ^= 0xFF
        else:
            text = data[8: 8 + header].decode("utf-8", "replace")
            text = text.replace('"updates":"', '"updates":"9', 1).replace('"env_steps":"', '"env_steps":"-', 1)
            blob = text.encode()
            data = bytearray(len(blob).to_bytes(8, "little")) + blob + data[8 + header:]
        run = os.path.join(self.sandbox.work, "runs", f"ck{self.counts['cases']}")
        shutil.copytree(self.checkpoint_run, run)
        with open(os.path.join(run, "checkpoints", "last.safetensors"), "wb") as f:
            f.write(data)
        self.run(["eval", run, "--episodes", "1"], f"checkpoint mutation {kind} (eval)")
        self.run(["train", "--resume", run, "--set", "train.steps=1024"], f"checkpoint mutation {kind} (resume)")

    # -- driver ----------------------------------------------------------------------

    def go(self, max_cases):
        kinds = [self.recipe_case, self.recipe_case, self.flag_case, self.checkpoint_case, self.sweep_case]
        while time.monotonic() < self.deadline and self.counts["cases"] < max_cases:
            self.random.choice(kinds)()
        shutil.rmtree(self.sandbox.root, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zoo", default=os.path.join(ROOT, ".build", "debug", "zoo"))
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--cases", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a case counts as a hang")
    args = parser.parse_args()
    if not os.access(args.zoo, os.X_OK):
        sys.exit(f"no zoo executable at {args.zoo}: build it first (swift build)")
    fuzzer = Fuzzer(args.zoo, args.seed, args.seconds, args.timeout, tempfile.gettempdir())
    fuzzer.go(args.cases)
    for key, value in fuzzer.counts.items():
        print(f"{key}: {value}")
    for line in fuzzer.failures[:50]:
        print("FAIL " + line)
    failed = len(fuzzer.failures)
    print(f"fuzz: {fuzzer.counts['cases'] - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
