#!/usr/bin/env python3
"""Compare Zoo's DSL benchmarks with PyTorch (CPU) on the same machine.

Run:  /work/venv/bin/python scripts/bench_dsl_vs_torch.py [--zoo PATH] [--threads N] [--json]

Torch side (torch.set_num_threads(N), default 1; warm-up, then best of several repeats timed
with time.perf_counter):
  gemm: C[m,n] = A[m,k] @ B[k,n] in float32, GFLOP/s = 2*m*n*k / seconds per call / 1e9
  mlp:  one training step of the 8-64-64-4 tanh MLP of Tests/DSLTests/Fixtures/mlp.json:
        forward, loss = ((out - target)**2).mean(), opt.zero_grad(); loss.backward(); opt.step()
        with Adam(lr=1e-3); microseconds per step and steps/s.
  nature_cnn: the Nature-CNN actor-critic on [batch, 4, 84, 84] pixels (batches 32, 128, 256):
        trunk Conv(4,32,8,s4) ReLU Conv(32,64,4,s2) ReLU Conv(64,64,3,s1) ReLU Flatten
        Linear(3136,512) ReLU on obs / 255, heads Linear(512,6) and Linear(512,1).
        "forward": both heads under torch.no_grad() (a rollout); "train": forward, the A2C loss
        -mean(logp(a)*adv) + 0.5*mse(v, ret) - 0.01*entropy, zero_grad, backward, Adam step.
        Each call is timed on its own (two warm-up calls, then calls for --nature-seconds);
        min / median / max ms, and samples/s from the median. Torch runs with 1 and 2 threads
        (whatever --threads says), Zoo with KernelThreads.count 1 and 2.
  nature_cnn_layers: the trunk's layers one by one (each with its ReLU, conv1 on pixels / 255),
        forward under torch.no_grad(), fastest call of those in --layer-seconds; ms and GFLOP/s,
        torch and Zoo with 1 and 2 threads.
Zoo side: `PATH bench dsl --json` must print one JSON object
  {"gemm": [{"m":..,"n":..,"k":..,"gflops":..}], "mlp": [{"batch":..,"us_per_step":..}],
   "nature_cnn": [{"batch":..,"mode":..,"threads":..,"min_ms":..,"median_ms":..,"max_ms":..}],
   "nature_cnn_layers": [{"layer":..,"batch":..,"threads":..,"min_ms":..,"gflops":..}]}
Ratios are Zoo/torch for GFLOP/s and torch time / Zoo time for the networks (> 1 means Zoo
is faster).
"""

import argparse
import json
import os
import subprocess
import sys
import time

import torch

GEMM_SIZES = [(64, 64, 64), (512, 64, 64), (256, 256, 256)]  # (m, n, k)
MLP_BATCHES = [64, 1024]
NATURE_BATCHES = [32, 128, 256]


def best_time(fn, target_s=0.2, repeats=5, warmup=3):
    """Best over `repeats` timing blocks of seconds per call; each block runs enough calls
    to last about target_s / repeats."""
    for _ in range(warmup):
        fn()
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    inner = max(1, int(target_s / repeats / one))
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        best = min(best, (time.perf_counter() - t0) / inner)
    return best


def torch_gemm():
    rows = []
    g = torch.Generator().manual_seed(0)
    for m, n, k in GEMM_SIZES:
        a = torch.randn(m, k, generator=g)
        b = torch.randn(k, n, generator=g)
        c = torch.empty(m, n)
        s = best_time(lambda: torch.matmul(a, b, out=c))
        rows.append({"m": m, "n": n, "k": k, "gflops": 2.0 * m * n * k / s / 1e9})
    return rows


def torch_mlp():
    rows = []
    for batch in MLP_BATCHES:
        torch.manual_seed(0)
        net = torch.nn.Sequential(torch.nn.Linear(8, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64),
                                  torch.nn.Tanh(), torch.nn.Linear(64, 4))
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        x = torch.randn(batch, 8)
        target = torch.randn(batch, 4)

        def step():
            out = net(x)
            loss = ((out - target) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()

        s = best_time(step, target_s=0.5, warmup=10)
        rows.append({"batch": batch, "us_per_step": s * 1e6, "steps_per_s": 1.0 / s})
    return rows


def call_timings(fn, seconds):
    """Sorted seconds of single calls: two warm-up calls, then calls for `seconds` (3 to 200)."""
    fn()
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (len(times) < 200 and time.perf_counter() - start < seconds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)


def torch_nature(threads, seconds):
    nn = torch.nn
    torch.set_num_threads(threads)
    rows = []
    for batch in NATURE_BATCHES:
        torch.manual_seed(0)
        trunk = nn.Sequential(nn.Conv2d(4, 32, 8, stride=4), nn.ReLU(), nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
                              nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(), nn.Flatten(), nn.Linear(3136, 512),
                              nn.ReLU())
        policy, value = nn.Linear(512, 6), nn.Linear(512, 1)
        params = list(trunk.parameters()) + list(policy.parameters()) + list(value.parameters())
        opt = torch.optim.Adam(params, lr=2.5e-4)
        obs = torch.randint(0, 256, (batch, 4, 84, 84)).float()
        actions = torch.randint(0, 6, (batch,))
        adv, ret = torch.randn(batch), torch.randn(batch)

        def forward():
            with torch.no_grad():
                h = trunk(obs / 255.0)
                return policy(h), value(h)

        def train():
            h = trunk(obs / 255.0)
            logits, v = policy(h), value(h)
            logp = torch.log_softmax(logits, dim=1)
            chosen = logp.gather(1, actions[:, None]).squeeze(1)
            entropy = -(logp.exp() * logp).sum(1)
            loss = -(chosen * adv).mean() + 0.5 * ((v.squeeze(1) - ret) ** 2).mean() - 0.01 * entropy.mean()
            opt.zero_grad()
            loss.backward()
            opt.step()

        for mode, fn in (("forward", forward), ("train", train)):
            t = call_timings(fn, seconds)
            med = t[len(t) // 2]
            rows.append({"batch": batch, "mode": mode, "min_ms": t[0] * 1e3, "median_ms": med * 1e3,
                         "max_ms": t[-1] * 1e3, "samples_per_s": batch / med})
    return rows


# (Zoo's name, flops per sample, input shape without the batch, torch module factory, input scale)
LAYERS = [
    ("conv1 8x8/4 4->32", 6_553_600, (4, 84, 84), lambda: torch.nn.Conv2d(4, 32, 8, stride=4), 1 / 255),
    ("conv2 4x4/2 32->64", 5_308_416, (32, 20, 20), lambda: torch.nn.Conv2d(32, 64, 4, stride=2), 1.0),
    ("conv3 3x3/1 64->64", 3_612_672, (64, 9, 9), lambda: torch.nn.Conv2d(64, 64, 3, stride=1), 1.0),
    ("linear 3136->512", 3_211_264, (3136,), lambda: torch.nn.Linear(3136, 512), 1.0),
]


def torch_layers(threads, seconds):
    torch.set_num_threads(threads)
    rows = []
    for batch in NATURE_BATCHES:
        for name, flops, shape, make, scale in LAYERS:
            torch.manual_seed(0)
            layer = make()
            x = torch.rand(batch, *shape) * (255 if scale != 1.0 else 1)

            def forward():
                with torch.no_grad():
                    return torch.relu(layer(x * scale if scale != 1.0 else x))

            best = call_timings(forward, seconds)[0]
            rows.append({"layer": name, "batch": batch, "threads": threads, "min_ms": best * 1e3,
                         "gflops": flops * batch / best / 1e9})
    return rows


def print_layers(torch_rows, zoo_rows):
    t = {(r["layer"], r["batch"], r["threads"]): r for r in torch_rows}
    z = {(r["layer"], r["batch"], r["threads"]): r for r in zoo_rows or []}

    def cell(r):
        return "%7.3f %6.1f" % (r["min_ms"], r["gflops"]) if r else "-"

    print()
    print("Nature-CNN trunk layers, forward with ReLU; min ms and GFLOP/s; ratio = torch 1t ms / Zoo ms")
    print(f"{'layer':<20} {'batch':>5} {'torch 1t':>14} {'torch 2t':>14} {'Zoo 1t':>14} {'Zoo 2t':>14} "
          f"{'1t vs 1t':>9} {'2t vs 1t':>9}")
    for name, _, _, _, _ in LAYERS:
        for batch in NATURE_BATCHES:
            t1, t2 = t.get((name, batch, 1)), t.get((name, batch, 2))
            z1, z2 = z.get((name, batch, 1)), z.get((name, batch, 2))
            r1 = t1["min_ms"] / z1["min_ms"] if t1 and z1 else None
            r2 = t1["min_ms"] / z2["min_ms"] if t1 and z2 else None
            print(f"{name:<20} {batch:>5} {cell(t1):>14} {cell(t2):>14} {cell(z1):>14} {cell(z2):>14} "
                  f"{fmt(r1, '.2f'):>9} {fmt(r2, '.2f'):>9}")


def print_nature(t1, t2, zoo_rows):
    z = {(r["mode"], r["batch"], r.get("threads", 1)): r for r in zoo_rows or []}
    b = {(r["mode"], r["batch"]): r for r in t2}

    def cell(r):
        return "%6.1f (%5.1f-%6.1f)" % (r["median_ms"], r["min_ms"], r["max_ms"]) if r else "-"

    def ratio(t, zr):
        return t["median_ms"] / zr["median_ms"] if t and zr else None

    print()
    print("Nature-CNN actor-critic [batch,4,84,84]; ms per call: median (min-max); ratio = torch median / Zoo median")
    print(f"{'case':<14} {'torch 1t':>21} {'torch 2t':>21} {'Zoo 1t':>21} {'Zoo 2t':>21} "
          f"{'1t vs 1t':>9} {'2t vs 1t':>9} {'2t vs 2t':>9} {'Zoo 2t samples/s':>17}")
    for r in t1:
        r2 = b.get((r["mode"], r["batch"]))
        z1, z2 = z.get((r["mode"], r["batch"], 1)), z.get((r["mode"], r["batch"], 2))
        print(f"{r['mode'] + ' ' + str(r['batch']):<14} {cell(r):>21} {cell(r2):>21} {cell(z1):>21} {cell(z2):>21} "
              f"{fmt(ratio(r, z1), '.2f'):>9} {fmt(ratio(r, z2), '.2f'):>9} {fmt(ratio(r2, z2), '.2f'):>9} "
              f"{fmt(z2 and z2['samples_per_s'], '.0f'):>17}")
    for name, rows in (("torch 1 thread", t1), ("torch 2 threads", t2)):
        print(f"{name} samples/s (median): " +
              ", ".join(f"{r['mode']} {r['batch']}: {r['samples_per_s']:.0f}" for r in rows))


def run_zoo(path):
    """Returns (result dict or None, message)."""
    if not os.path.exists(path):
        return None, (f"Zoo binary not found at {path}; build it with `swift build -c release` "
                      f"(or pass --zoo PATH). Showing torch figures only.")
    try:
        p = subprocess.run([path, "bench", "dsl", "--json"], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"running `{path} bench dsl --json` failed: {e}. Showing torch figures only."
    if p.returncode != 0:
        return None, (f"`{path} bench dsl --json` exited with {p.returncode}: "
                      f"{(p.stderr or p.stdout).strip()[:300]}. Showing torch figures only.")
    try:
        return json.loads(p.stdout), None
    except json.JSONDecodeError:
        return None, (f"`{path} bench dsl --json` did not print one JSON object "
                      f"(got {p.stdout.strip()[:200]!r}). Showing torch figures only.")


def fmt(v, spec):
    return format(v, spec) if isinstance(v, (int, float)) else "-"


def main():
    ap = argparse.ArgumentParser(description="Zoo DSL vs PyTorch CPU benchmarks")
    ap.add_argument("--zoo", default=".build/release/zoo", help="path of the zoo executable")
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    ap.add_argument("--json", action="store_true", help="also print all figures as one JSON object")
    ap.add_argument("--nature-seconds", type=float, default=1.5,
                    help="seconds of timed calls per Nature-CNN case and thread count (default 1.5)")
    ap.add_argument("--layer-seconds", type=float, default=0.3,
                    help="seconds of timed calls per Nature-CNN layer case and thread count (default 0.3)")
    ap.add_argument("--skip-nature", action="store_true", help="leave out the Nature-CNN actor-critic and its layers")
    args = ap.parse_args()

    # Zoo first: once torch has run with 2 threads its idle OpenMP workers keep a core busy
    # for a while, which would halve Zoo's 2-thread figures (measured: 2t no faster than 1t).
    zoo, msg = run_zoo(args.zoo)
    t_nature, t_layers = {}, []
    if not args.skip_nature:
        t_nature = {1: torch_nature(1, args.nature_seconds), 2: torch_nature(2, args.nature_seconds)}
        t_layers = torch_layers(1, args.layer_seconds) + torch_layers(2, args.layer_seconds)
    torch.set_num_threads(args.threads)
    t_gemm, t_mlp = torch_gemm(), torch_mlp()

    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), float32 CPU")
    if msg:
        print(msg)
    zg = {(r["m"], r["n"], r["k"]): r.get("gflops") for r in (zoo or {}).get("gemm", [])}
    zm = {r["batch"]: r.get("us_per_step") for r in (zoo or {}).get("mlp", [])}

    print()
    print(f"{'GEMM C[m,n]=A[m,k]@B[k,n]':<28} {'torch GFLOP/s':>14} {'Zoo GFLOP/s':>12} {'Zoo/torch':>10}")
    for r in t_gemm:
        key = (r["m"], r["n"], r["k"])
        z = zg.get(key)
        ratio = z / r["gflops"] if z else None
        print(f"{'m=%d n=%d k=%d' % key:<28} {r['gflops']:>14.2f} {fmt(z, '.2f'):>12} {fmt(ratio, '.2f'):>10}")

    print()
    print(f"{'MLP 8-64-64-4 Adam step':<28} {'torch us':>10} {'torch steps/s':>14} {'Zoo us':>10} "
          f"{'Zoo steps/s':>12} {'torch/Zoo':>10}")
    for r in t_mlp:
        z = zm.get(r["batch"])
        ratio = r["us_per_step"] / z if z else None
        zs = 1e6 / z if z else None
        print(f"{'batch %d' % r['batch']:<28} {r['us_per_step']:>10.1f} {r['steps_per_s']:>14.0f} "
              f"{fmt(z, '.1f'):>10} {fmt(zs, '.0f'):>12} {fmt(ratio, '.2f'):>10}")
    if t_nature:
        print_nature(t_nature[1], t_nature[2], (zoo or {}).get("nature_cnn"))
        print_layers(t_layers, (zoo or {}).get("nature_cnn_layers"))
    print("\nratios > 1 mean Zoo is faster (GEMM: Zoo GFLOP/s / torch; MLP and Nature-CNN: torch time / Zoo time)")

    if args.json:
        print(json.dumps({"threads": args.threads,
                          "torch": {"gemm": t_gemm, "mlp": t_mlp, "nature_cnn_1_thread": t_nature.get(1),
                                    "nature_cnn_2_threads": t_nature.get(2), "nature_cnn_layers": t_layers},
                          "zoo": zoo}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
