#!/usr/bin/env python3
"""Compare Zoo's DSL benchmarks with PyTorch (CPU) on the same machine.

Run:  /work/venv/bin/python scripts/bench_dsl_vs_torch.py [--zoo PATH] [--threads N] [--json]

Torch side (torch.set_num_threads(N), default 1; warm-up, then best of several repeats timed
with time.perf_counter):
  gemm: C[m,n] = A[m,k] @ B[k,n] in float32, GFLOP/s = 2*m*n*k / seconds per call / 1e9
  mlp:  one training step of the 8-64-64-4 tanh MLP of Tests/DSLTests/Fixtures/mlp.json:
        forward, loss = ((out - target)**2).mean(), opt.zero_grad(); loss.backward(); opt.step()
        with Adam(lr=1e-3); microseconds per step and steps/s.
Zoo side: `PATH bench dsl --json` must print one JSON object
  {"gemm": [{"m":..,"n":..,"k":..,"gflops":..}], "mlp": [{"batch":..,"us_per_step":..}]}
Ratios are Zoo/torch for GFLOP/s and torch µs / Zoo µs for the MLP (> 1 means Zoo is faster).
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
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    t_gemm, t_mlp = torch_gemm(), torch_mlp()
    zoo, msg = run_zoo(args.zoo)

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
    print("\nratios > 1 mean Zoo is faster (GEMM: Zoo GFLOP/s / torch; MLP: torch µs / Zoo µs)")

    if args.json:
        print(json.dumps({"threads": args.threads, "torch": {"gemm": t_gemm, "mlp": t_mlp}, "zoo": zoo}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
