#!/usr/bin/env python3
"""Reference fixtures for the DSL tests (Tests/DSLTests/Fixtures/*.json).

Run:  /work/venv/bin/python scripts/dsl_fixtures.py [--out Tests/DSLTests/Fixtures] [--only ops,mlp,...]

Everything is float32 (torch.float32); gradients come from torch autograd of
sum(output * upstream) with a fixed random upstream. Floats are written rounded to 9
significant digits (enough to round-trip float32 exactly). The output is deterministic:
every file uses its own fixed torch.Generator seed, and torch runs single-threaded.

Formats (see Tests/DSLTests/Support/Fixtures.swift for the Swift side):
  tensor:  {"shape": [...], "data": [flat row-major], "dtype": "int64"|"bool" (absent = float32)}
  op case: {"name", "op", "attrs", "inputs": [tensor], "output": tensor,
            "upstream": tensor|null, "grads": [tensor|null per input]}
"""

import argparse
import json
import math
import os
import sys
import warnings

import torch

warnings.filterwarnings("ignore", category=DeprecationWarning)
import einx  # noqa: E402

GENERATOR = "scripts/dsl_fixtures.py"
VERSIONS = {"torch": torch.__version__, "einx": einx.__version__}

torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

F32 = torch.float32
I64 = torch.int64


# --------------------------------------------------------------------------- serialisation

def _num(v):
    v = float(v)
    if not math.isfinite(v):
        raise ValueError(f"non-finite value {v} in fixture")
    r = float(f"{v:.9g}")
    if r == int(r) and abs(r) < 2**53:
        return int(r)  # integral values as JSON integers (also maps -0.0 to 0)
    return r


def T(t):
    """torch tensor -> fixture tensor dict."""
    t = t.detach()
    d = {"shape": list(t.shape)}
    flat = t.reshape(-1).tolist()
    if t.dtype == torch.bool:
        d["data"] = [1 if b else 0 for b in flat]
        d["dtype"] = "bool"
    elif t.dtype in (torch.int64, torch.int32):
        d["data"] = [int(v) for v in flat]
        d["dtype"] = "int64"
    else:
        assert t.dtype == F32, t.dtype
        d["data"] = [_num(v) for v in flat]
    return d


def write(out_dir, fname, payload):
    doc = {"generator": GENERATOR, "versions": VERSIONS}
    doc.update(payload)
    path = os.path.join(out_dir, fname)
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    n = len(doc.get("cases", []))
    print(f"wrote {path}: {n} cases, {os.path.getsize(path)} bytes")


# --------------------------------------------------------------------------- input helpers

class Rng:
    def __init__(self, seed):
        self.g = torch.Generator().manual_seed(seed)

    def randn(self, *shape):
        return torch.randn(tuple(shape), generator=self.g, dtype=F32)

    def uniform(self, lo, hi, *shape):
        return lo + (hi - lo) * torch.rand(tuple(shape), generator=self.g, dtype=F32)

    def grid(self, *shape, offset=0.0):
        """Values on the grid k/10 + offset (|k| <= ~25). Two tensors with offsets 0 and 0.05
        never come closer than 0.05; offset 0.05 keeps every value >= 0.05 away from 0 and
        from every multiple of 0.1 (kinks of relu/abs/clamp/minimum/maximum)."""
        return torch.round(self.randn(*shape) * 10.0) / 10.0 + offset

    def distinct(self, *shape, spacing=0.1):
        """All values distinct, pairwise >= spacing apart (unique maxima/minima)."""
        n = 1
        for s in shape:
            n *= s
        perm = torch.randperm(n, generator=self.g).to(F32)
        return ((perm - (n - 1) / 2.0) * spacing + 0.05).reshape(*shape)

    def positive(self, *shape, lo=0.3, hi=2.5):
        return self.uniform(lo, hi, *shape)

    def away_from_zero(self, *shape, margin=0.5):
        x = self.randn(*shape)
        return torch.where(x >= 0, x + margin, x - margin)

    def randint(self, hi, *shape):
        return torch.randint(0, hi, shape, generator=self.g, dtype=I64)

    def bools(self, *shape):
        return torch.rand(tuple(shape), generator=self.g) > 0.5


def differentiable_case(rng, name, op, attrs, inputs, fn, extra=None):
    """Run fn on inputs (float inputs get requires_grad) and record output, upstream, grads."""
    leaves = []
    for x in inputs:
        if x.dtype == F32:
            leaves.append(x.detach().clone().requires_grad_(True))
        else:
            leaves.append(x.detach().clone())
    out = fn(*leaves)
    case = {"name": name, "op": op}
    if extra:
        case.update(extra)
    case["attrs"] = attrs
    case["inputs"] = [T(x) for x in inputs]
    case["output"] = T(out)
    float_leaves = [x for x in leaves if x.dtype == F32]
    if out.dtype != F32 or not float_leaves:
        case["upstream"] = None
        case["grads"] = [None for _ in inputs]
        return case
    up = rng.randn(*out.shape)
    gs = torch.autograd.grad((out * up).sum(), float_leaves, allow_unused=True)
    it = iter(gs)
    grads = []
    for x in leaves:
        if x.dtype == F32:
            g = next(it)
            grads.append(T(torch.zeros_like(x) if g is None else g))
        else:
            grads.append(None)
    case["upstream"] = T(up)
    case["grads"] = grads
    return case


class Cases:
    def __init__(self):
        self.cases = []
        self.names = set()

    def add(self, case):
        assert case["name"] not in self.names, case["name"]
        self.names.add(case["name"])
        self.cases.append(case)


def shape_str(s):
    return "x".join(str(d) for d in s) if len(s) else "scalar"


# --------------------------------------------------------------------------- ops.json

def gen_ops():
    rng = Rng(1001)
    C = Cases()

    # unary -------------------------------------------------------------------------------
    unary = {
        "neg": (torch.neg, "randn"),
        "exp": (torch.exp, "randn"),
        "log": (torch.log, "positive"),
        "tanh": (torch.tanh, "randn"),
        "relu": (torch.relu, "grid"),
        "sigmoid": (torch.sigmoid, "randn"),
        "softplus": (torch.nn.functional.softplus, "randn"),
        "square": (torch.square, "randn"),
        "sqrt": (torch.sqrt, "positive"),
        "abs": (torch.abs, "grid"),
    }
    for op, (f, kind) in unary.items():
        for shape in [(3, 4), (2, 3, 5), ()]:
            if kind == "positive":
                x = rng.positive(*shape)
            elif kind == "grid":
                x = rng.grid(*shape, offset=0.05)
            else:
                x = rng.randn(*shape) * 1.5
            C.add(differentiable_case(rng, f"{op}_{shape_str(shape)}", op, {}, [x], f))

    for e in [2.5, 3, -0.5]:
        x = rng.positive(3, 4)
        C.add(differentiable_case(rng, f"pow_scalar_{e}", "pow_scalar", {"exponent": e}, [x],
                                  lambda a, e=e: torch.pow(a, e)))
    x = rng.randn(2, 3)
    C.add(differentiable_case(rng, "pow_scalar_3_negative_base", "pow_scalar", {"exponent": 3}, [x],
                              lambda a: torch.pow(a, 3)))

    for lo, hi in [(-0.5, 0.5), (-1.0, 0.3)]:
        x = rng.grid(4, 5, offset=0.05)
        C.add(differentiable_case(rng, f"clamp_{lo}_{hi}", "clamp", {"min": lo, "max": hi}, [x],
                                  lambda a, lo=lo, hi=hi: torch.clamp(a, lo, hi)))

    # binary with broadcasting ------------------------------------------------------------
    binary = {
        "add": torch.add,
        "subtract": torch.sub,
        "multiply": torch.mul,
        "divide": torch.div,
        "minimum": torch.minimum,
        "maximum": torch.maximum,
        "pow": torch.pow,
    }
    layouts = [
        ("same", (3, 4), (3, 4)),
        ("bcast", (3, 1, 4), (2, 4)),
        ("bcast_rev", (2, 4), (3, 1, 4)),
        ("bcast_both", (3, 1), (1, 4)),
        ("scalar_rhs", (3, 4), ()),
        ("scalar_lhs", (), (3, 4)),
        ("scalars", (), ()),
    ]
    for op, f in binary.items():
        for lname, sa, sb in layouts:
            if op == "divide":
                a, b = rng.randn(*sa), rng.away_from_zero(*sb)
            elif op in ("minimum", "maximum"):
                a, b = rng.grid(*sa, offset=0.05), rng.grid(*sb, offset=0.0)
            elif op == "pow":
                a, b = rng.positive(*sa), rng.randn(*sb)
            else:
                a, b = rng.randn(*sa), rng.randn(*sb)
            C.add(differentiable_case(rng, f"{op}_{lname}", op, {}, [a, b], f))

    # where ---------------------------------------------------------------------------------
    for lname, sc, sa, sb in [("same", (3, 4), (3, 4), (3, 4)),
                              ("bcast", (2, 4), (3, 1, 4), (4,)),
                              ("scalar_b", (3, 4), (3, 4), ())]:
        c, a, b = rng.bools(*sc), rng.randn(*sa), rng.randn(*sb)
        C.add(differentiable_case(rng, f"where_{lname}", "where", {}, [c, a, b], torch.where))

    # reductions ----------------------------------------------------------------------------
    axis_sets = [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]]
    reducers = {
        "sum": lambda x, ax, kd: torch.sum(x, dim=ax, keepdim=kd),
        "mean": lambda x, ax, kd: torch.mean(x, dim=ax, keepdim=kd),
        "max": lambda x, ax, kd: torch.amax(x, dim=ax, keepdim=kd),
        "min": lambda x, ax, kd: torch.amin(x, dim=ax, keepdim=kd),
        "logsumexp": lambda x, ax, kd: torch.logsumexp(x, dim=ax, keepdim=kd),
    }
    for op, f in reducers.items():
        for ax in axis_sets:
            for kd in (False, True):
                x = rng.distinct(3, 4, 5) if op in ("max", "min") else rng.randn(3, 4, 5)
                name = f"{op}_axes{''.join(map(str, ax))}_{'keep' if kd else 'drop'}"
                C.add(differentiable_case(rng, name, op, {"axes": ax, "keepdims": kd}, [x],
                                          lambda a, ax=ax, kd=kd, f=f: f(a, ax, kd)))
    for op, f in [("var", torch.var), ("std", torch.std)]:
        for corr in (0, 1):
            for ax in axis_sets:
                for kd in (False, True):
                    x = rng.randn(3, 4, 5)
                    name = f"{op}_c{corr}_axes{''.join(map(str, ax))}_{'keep' if kd else 'drop'}"
                    C.add(differentiable_case(
                        rng, name, op, {"axes": ax, "keepdims": kd, "correction": corr}, [x],
                        lambda a, ax=ax, kd=kd, f=f, corr=corr: f(a, dim=ax, keepdim=kd, correction=corr)))

    # softmax / log_softmax -----------------------------------------------------------------
    for op, f in [("softmax", torch.softmax), ("log_softmax", torch.log_softmax)]:
        for ax in (0, 1, 2):
            x = rng.randn(3, 4, 5) * 2
            C.add(differentiable_case(rng, f"{op}_3d_axis{ax}", op, {"axis": ax}, [x],
                                      lambda a, ax=ax, f=f: f(a, ax)))
        x = rng.randn(4, 6) * 2
        x[1, 2] = 30.0  # large logit: needs max-subtraction for stability
        C.add(differentiable_case(rng, f"{op}_2d_axis1_large", op, {"axis": 1}, [x],
                                  lambda a, f=f: f(a, 1)))

    # matmul / bmm --------------------------------------------------------------------------
    M, K, N = 5, 7, 3
    for ta in (False, True):
        for tb in (False, True):
            a = rng.randn(*((K, M) if ta else (M, K)))
            b = rng.randn(*((N, K) if tb else (K, N)))
            name = f"matmul_{'T' if ta else 'N'}{'T' if tb else 'N'}"
            C.add(differentiable_case(
                rng, name, "matmul", {"transA": ta, "transB": tb}, [a, b],
                lambda x, y, ta=ta, tb=tb: (x.t() if ta else x) @ (y.t() if tb else y)))
    for ta in (False, True):
        for tb in (False, True):
            a = rng.randn(*((2, K, M) if ta else (2, M, K)))
            b = rng.randn(*((2, N, K) if tb else (2, K, N)))
            name = f"bmm_{'T' if ta else 'N'}{'T' if tb else 'N'}"
            C.add(differentiable_case(
                rng, name, "bmm", {"transA": ta, "transB": tb}, [a, b],
                lambda x, y, ta=ta, tb=tb: torch.bmm(x.transpose(1, 2) if ta else x,
                                                     y.transpose(1, 2) if tb else y)))

    # gather --------------------------------------------------------------------------------
    x = rng.randn(3, 5)
    idx = torch.tensor([[0, 4], [2, 2], [1, 3]], dtype=I64)  # repeated index -> grads accumulate
    C.add(differentiable_case(rng, "gather_2d_axis1", "gather", {"axis": 1}, [x, idx],
                              lambda a, i: torch.gather(a, 1, i)))
    x = rng.randn(3, 4)
    idx = torch.tensor([[2, 0, 1, 1], [0, 0, 2, 1]], dtype=I64)
    C.add(differentiable_case(rng, "gather_2d_axis0", "gather", {"axis": 0}, [x, idx],
                              lambda a, i: torch.gather(a, 0, i)))
    x = rng.randn(2, 3, 4)
    idx = rng.randint(4, 2, 3, 1)
    C.add(differentiable_case(rng, "gather_3d_axis2_keep", "gather", {"axis": 2}, [x, idx],
                              lambda a, i: torch.gather(a, 2, i)))
    x = rng.randn(2, 3, 4)
    idx = rng.randint(3, 2, 5, 4)
    C.add(differentiable_case(rng, "gather_3d_axis1_longer", "gather", {"axis": 1}, [x, idx],
                              lambda a, i: torch.gather(a, 1, i)))

    # concat / stack / slice ----------------------------------------------------------------
    C.add(differentiable_case(rng, "concat_axis0", "concat", {"axis": 0},
                              [rng.randn(2, 3), rng.randn(4, 3)], lambda *t: torch.cat(t, 0)))
    C.add(differentiable_case(rng, "concat_axis1_three", "concat", {"axis": 1},
                              [rng.randn(2, 1, 4), rng.randn(2, 3, 4), rng.randn(2, 2, 4)],
                              lambda *t: torch.cat(t, 1)))
    C.add(differentiable_case(rng, "concat_axis2", "concat", {"axis": 2},
                              [rng.randn(2, 3, 2), rng.randn(2, 3, 5)], lambda *t: torch.cat(t, 2)))
    for ax in (0, 1, 2):
        C.add(differentiable_case(rng, f"stack_axis{ax}", "stack", {"axis": ax},
                                  [rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)],
                                  lambda *t, ax=ax: torch.stack(t, ax)))
    for name, shape, ax, s, e in [("slice_2d_axis1", (3, 6), 1, 1, 4),
                                  ("slice_2d_axis0", (5, 3), 0, 0, 2),
                                  ("slice_3d_axis2", (2, 3, 6), 2, 3, 6),
                                  ("slice_3d_axis1_single", (2, 4, 3), 1, 2, 3)]:
        C.add(differentiable_case(rng, name, "slice", {"axis": ax, "start": s, "end": e},
                                  [rng.randn(*shape)],
                                  lambda a, ax=ax, s=s, e=e: a.narrow(ax, s, e - s)))

    # transpose / permute / reshape ---------------------------------------------------------
    C.add(differentiable_case(rng, "transpose_2d", "transpose", {"perm": [1, 0]}, [rng.randn(3, 5)],
                              lambda a: a.permute(1, 0)))
    C.add(differentiable_case(rng, "transpose_3d_last2", "transpose", {"perm": [0, 2, 1]},
                              [rng.randn(2, 3, 4)], lambda a: a.permute(0, 2, 1)))
    for perm in ([2, 0, 1], [1, 2, 0], [2, 1, 0]):
        C.add(differentiable_case(rng, f"permute_{''.join(map(str, perm))}", "permute", {"perm": perm},
                                  [rng.randn(2, 3, 4)], lambda a, perm=perm: a.permute(*perm)))
    C.add(differentiable_case(rng, "permute_4d_0213", "permute", {"perm": [0, 2, 1, 3]},
                              [rng.randn(2, 3, 4, 2)], lambda a: a.permute(0, 2, 1, 3)))
    for name, src, dst in [("reshape_2d", (3, 4), [2, 6]), ("reshape_flatten", (2, 3, 4), [24]),
                           ("reshape_merge", (2, 3, 4), [6, 4]), ("reshape_split", (6, 4), [2, 3, 2, 2]),
                           ("reshape_to_scalar", (1, 1), [])]:
        C.add(differentiable_case(rng, name, "reshape", {"shape": dst}, [rng.randn(*src)],
                                  lambda a, dst=dst: a.reshape(dst)))
    return {"cases": C.cases}


# --------------------------------------------------------------------------- named_axes.json

def gen_named_axes():
    rng = Rng(2002)
    C = Cases()

    def add(name, op, pattern, inputs, fn, sizes=None, attrs=None, note=None):
        sizes = sizes or {}
        extra = {"pattern": pattern, "sizes": sizes}
        if note:
            extra["note"] = note
        C.add(differentiable_case(rng, name, op, attrs or {}, inputs,
                                  lambda *t: fn(pattern, *t, **sizes), extra=extra))

    # einx 0.4.3: einx.rearrange is deprecated in favour of einx.id (same semantics).
    rearrange = einx.id

    # GRPO expressions ----------------------------------------------------------------------
    add("grpo_rearrange", "rearrange", "step (env gen) -> env gen step", [rng.randn(5, 12)], rearrange,
        sizes={"gen": 4})
    add("grpo_sum_step", "sum", "env gen [step]", [rng.randn(3, 4, 5)], einx.sum)
    add("grpo_mean_gen", "mean", "env [gen]", [rng.randn(3, 4)], einx.mean)
    add("grpo_subtract_baseline", "subtract", "env gen, env -> env gen", [rng.randn(3, 4), rng.randn(3)],
        einx.subtract)
    b = rng.bools(12)
    b[0:4] = True  # first group all true -> at least one True and one False output
    add("grpo_all_groups", "all", "(env [gen])", [b], einx.all, sizes={"gen": 4})
    b = rng.bools(12)
    b[4:8] = False
    add("grpo_any_groups", "any", "(env [gen])", [b], einx.any, sizes={"gen": 4})

    # rearrange -----------------------------------------------------------------------------
    add("rearrange_permute", "rearrange", "a b c -> c a b", [rng.randn(2, 3, 4)], rearrange)
    add("rearrange_transpose", "rearrange", "a b -> b a", [rng.randn(3, 5)], rearrange)
    add("rearrange_compose", "rearrange", "a b c -> a (b c)", [rng.randn(2, 3, 4)], rearrange)
    add("rearrange_compose_permuted", "rearrange", "a b c -> (c a) b", [rng.randn(2, 3, 4)], rearrange)
    add("rearrange_decompose", "rearrange", "(a b) c -> a b c", [rng.randn(6, 4)], rearrange, sizes={"a": 2})
    add("rearrange_decompose_b", "rearrange", "(a b) c -> b c a", [rng.randn(6, 4)], rearrange, sizes={"b": 2})
    add("rearrange_ellipsis_front", "rearrange", "b ... -> ... b", [rng.randn(2, 3, 4)], rearrange)
    add("rearrange_ellipsis_back", "rearrange", "... c -> c ...", [rng.randn(2, 3, 4)], rearrange)
    add("rearrange_numeric_remove", "rearrange", "a 1 b -> a b", [rng.randn(2, 1, 4)], rearrange)
    add("rearrange_numeric_insert", "rearrange", "a b -> a 1 b", [rng.randn(2, 4)], rearrange)

    # reductions ----------------------------------------------------------------------------
    for op, f in [("sum", einx.sum), ("mean", einx.mean), ("max", einx.max), ("min", einx.min),
                  ("logsumexp", einx.logsumexp), ("prod", einx.prod)]:
        for suffix, pattern in [("last", "a b [c]"), ("first", "[a] b c"), ("multi", "[a] b [c]"),
                                ("all", "[a b c]"), ("keepdims", "a ([b]) c"),
                                ("ellipsis", "... [c]")]:
            if op == "prod" and suffix in ("multi", "all"):
                # einx 0.4.3 torch backend: multiple axes are refused ("This backend uses torch.prod
                # which allows reduction only over (1) all axes or (2) a single axis"), and all axes
                # fails inside torch (einx generates torch.prod(a, dim=None), a TypeError).
                continue
            if op in ("max", "min"):
                x = rng.distinct(2, 3, 4)
            elif op == "prod":
                x = rng.uniform(0.5, 1.5, 2, 3, 4) * torch.where(rng.bools(2, 3, 4), 1.0, -1.0)
            else:
                x = rng.randn(2, 3, 4)
            add(f"{op}_{suffix}", op, pattern, [x], f)
    add("sum_composed_group", "sum", "(a [b]) c", [rng.randn(6, 4)], einx.sum, sizes={"b": 3})
    add("mean_keepdims_2d", "mean", "a ([b])", [rng.randn(3, 5)], einx.mean)

    # var/std: on the torch backend einx calls torch.var/torch.std with their default
    # correction=1 (the numpy backend uses ddof=0), and keyword arguments such as ddof=/correction=
    # are taken as axis-size constraints and silently ignored. So the einx cases are correction=1;
    # correction=0 cases are computed as mean((x - mean(x))^2) through einx.
    def var0(pattern, x, **kw):
        m = einx.mean(pattern, x, keepdims=True, **kw)
        return einx.mean(pattern, (x - m) ** 2, **kw)

    def std0(pattern, x, **kw):
        return torch.sqrt(var0(pattern, x, **kw))

    for op, f, f0 in [("var", einx.var, var0), ("std", einx.std, std0)]:
        for suffix, pattern in [("last", "a b [c]"), ("multi", "[a] b [c]"), ("all", "[a b c]"),
                                ("keepdims", "a ([b]) c")]:
            add(f"{op}_{suffix}_c1", op, pattern, [rng.randn(2, 3, 4)], f, attrs={"correction": 1},
                note="einx on the torch backend = torch default correction=1")
            add(f"{op}_{suffix}_c0", op, pattern, [rng.randn(2, 3, 4)], f0, attrs={"correction": 0},
                note="not einx's own result: mean((x - mean(x))^2) via einx.mean (numpy-backend einx semantics)")

    # all / any -----------------------------------------------------------------------------
    for op, f in [("all", einx.all), ("any", einx.any)]:
        x = rng.bools(3, 4)
        x[0, :] = op == "all"
        x[1, :] = op != "all"
        add(f"{op}_last", op, "a [b]", [x], f)
        add(f"{op}_first", op, "[a] b", [rng.bools(3, 4)], f)

    # elementwise by name -------------------------------------------------------------------
    ew = [("add", einx.add), ("subtract", einx.subtract), ("multiply", einx.multiply),
          ("divide", einx.divide), ("minimum", einx.minimum), ("maximum", einx.maximum)]
    for op, f in ew:
        for suffix, pattern, sa, sb in [("row", "a b, b -> a b", (3, 4), (4,)),
                                        ("col", "a b, a -> a b", (3, 4), (3,)),
                                        ("outer", "a, b -> a b", (3,), (4,)),
                                        ("scalar", "a b, -> a b", (3, 4), ()),
                                        ("transposed", "a b, b a -> b a", (3, 4), (4, 3)),
                                        ("implicit", "a b, b", (3, 4), (4,))]:
            if op == "divide":
                a, bb = rng.randn(*sa), rng.away_from_zero(*sb)
            elif op in ("minimum", "maximum"):
                a, bb = rng.grid(*sa, offset=0.05), rng.grid(*sb)
            else:
                a, bb = rng.randn(*sa), rng.randn(*sb)
            add(f"{op}_{suffix}", op, pattern, [a, bb], f)
    add("where_bcast", "where", "a b, a b, b -> a b", [rng.bools(3, 4), rng.randn(3, 4), rng.randn(4)],
        einx.where)
    add("where_outer", "where", "a b, a, b -> a b", [rng.bools(3, 4), rng.randn(3), rng.randn(4)], einx.where)
    add("where_scalar", "where", "a, a, -> a", [rng.bools(5), rng.randn(5), rng.randn()], einx.where)

    # dot -----------------------------------------------------------------------------------
    add("dot_linear", "dot", "b [i], [i] o -> b o", [rng.randn(4, 5), rng.randn(5, 3)], einx.dot)
    add("dot_abT", "dot", "a [k], b [k] -> a b", [rng.randn(3, 6), rng.randn(4, 6)], einx.dot)
    add("dot_batched", "dot", "n t [i], n [i] o -> n t o", [rng.randn(2, 3, 4), rng.randn(2, 4, 5)], einx.dot)
    add("dot_full_scalar", "dot", "[a b], [a b] ->", [rng.randn(3, 4), rng.randn(3, 4)], einx.dot)
    add("dot_vector", "dot", "[i], [i] ->", [rng.randn(6), rng.randn(6)], einx.dot)
    add("dot_matvec", "dot", "a [k], [k] -> a", [rng.randn(3, 5), rng.randn(5)], einx.dot)
    add("dot_outputs_permuted", "dot", "b [i], [i] o -> o b", [rng.randn(4, 5), rng.randn(5, 3)], einx.dot)

    # get_at --------------------------------------------------------------------------------
    add("get_at_rows", "get_at", "b [a], b -> b", [rng.randn(5, 4), torch.tensor([0, 3, 1, 1, 2], dtype=I64)],
        einx.get_at)
    add("get_at_2d_batch", "get_at", "b t [a], b t -> b t",
        [rng.randn(2, 3, 4), rng.randint(4, 2, 3)], einx.get_at)

    # softmax / log_softmax -----------------------------------------------------------------
    for op, f in [("softmax", einx.softmax), ("log_softmax", einx.log_softmax)]:
        add(f"{op}_last", op, "b [a]", [rng.randn(4, 5) * 2], f)
        add(f"{op}_middle", op, "a [b] c", [rng.randn(2, 3, 4) * 2], f)
        add(f"{op}_multi", op, "a [b c]", [rng.randn(2, 3, 4)], f)
    return {"cases": C.cases}


# --------------------------------------------------------------------------- optimizers.json

def gen_optimizers():
    rng = Rng(3003)
    steps = 20
    shapes = [(3, 4), (4,)]
    init = [rng.randn(*s) for s in shapes]
    grads = [[rng.randn(*s) for s in shapes] for _ in range(steps)]
    C = Cases()

    configs = []
    for mom, nest, wd in [(0.0, False, 0.0), (0.0, False, 0.01), (0.9, False, 0.0), (0.9, False, 0.01),
                          (0.9, True, 0.0), (0.9, True, 0.01)]:
        configs.append((f"sgd_m{mom}_{'nesterov' if nest else 'plain'}_wd{wd}", "SGD", torch.optim.SGD,
                        {"lr": 0.05, "momentum": mom, "dampening": 0.0, "nesterov": nest, "weight_decay": wd}))
    for lr in (3e-4, 1e-2):
        for eps in (1e-8, 1e-5):
            configs.append((f"adam_lr{lr}_eps{eps}", "Adam", torch.optim.Adam,
                            {"lr": lr, "betas": [0.9, 0.999], "eps": eps, "weight_decay": 0.0, "amsgrad": False}))
    configs.append(("adam_defaults", "Adam", torch.optim.Adam,
                    {"lr": 1e-3, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False}))
    for lr in (7e-4, 1e-3):
        for eps in (1e-5, 1e-8):
            configs.append((f"rmsprop_lr{lr}_eps{eps}", "RMSprop", torch.optim.RMSprop,
                            {"lr": lr, "alpha": 0.99, "eps": eps, "momentum": 0.0, "centered": False,
                             "weight_decay": 0.0}))
    configs.append(("rmsprop_centered", "RMSprop", torch.optim.RMSprop,
                    {"lr": 1e-3, "alpha": 0.99, "eps": 1e-5, "momentum": 0.0, "centered": True,
                     "weight_decay": 0.0}))

    for name, kind, cls, attrs in configs:
        params = [torch.nn.Parameter(p.clone()) for p in init]
        kw = dict(attrs)
        if "betas" in kw:
            kw["betas"] = tuple(kw["betas"])
        opt = cls(params, foreach=False, **kw)
        traj = []
        for t in range(steps):
            for p, g in zip(params, grads[t]):
                p.grad = g.clone()
            opt.step()
            traj.append([T(p) for p in params])
        C.add({"name": name, "optimizer": kind, "attrs": attrs, "initial": [T(p) for p in init],
               "grads": [[T(g) for g in gs] for gs in grads], "trajectory": traj})

    clip = []
    cg = [rng.randn(3, 4), rng.randn(4)]
    total = math.sqrt(sum(float((g.double() ** 2).sum()) for g in cg))
    for name, max_norm in [("clips", 1.0), ("no_clip", 100.0), ("clips_half", total / 2)]:
        ps = [torch.nn.Parameter(torch.zeros_like(g)) for g in cg]
        for p, g in zip(ps, cg):
            p.grad = g.clone()
        tn = torch.nn.utils.clip_grad_norm_(ps, max_norm=max_norm, norm_type=2.0, foreach=False)
        clip.append({"name": f"clip_grad_norm_{name}", "max_norm": _num(max_norm), "norm_type": 2,
                     "grads": [T(g) for g in cg], "total_norm": _num(tn),
                     "clipped": [T(p.grad) for p in ps],
                     "note": "torch: coef = min(1, max_norm / (total_norm + 1e-6)); grads *= coef"})

    sched = []
    for base_lr, n in [(0.1, 5), (3e-4, 10)]:
        p = torch.nn.Parameter(torch.zeros(1))
        opt = torch.optim.SGD([p], lr=base_lr)
        s = torch.optim.lr_scheduler.LinearLR(opt, start_factor=1.0, end_factor=0.0, total_iters=n)
        lrs = []
        for _ in range(n + 2):
            opt.step()
            s.step()
            lrs.append(_num(opt.param_groups[0]["lr"]))
        sched.append({"name": f"linear_lr_{base_lr}_{n}", "base_lr": _num(base_lr), "start_factor": 1.0,
                      "end_factor": 0.0, "total_iters": n, "initial_lr": _num(base_lr), "lrs": lrs})
    return {"cases": C.cases, "clip_grad_norm": clip, "linear_lr": sched}


# --------------------------------------------------------------------------- distributions.json

def gen_distributions():
    rng = Rng(4004)
    B, A, D = 5, 4, 2
    cases = []

    def grads_of(loss, named):
        gs = torch.autograd.grad(loss, [v for _, v in named])
        return {k: T(g) for (k, _), g in zip(named, gs)}

    # Categorical ---------------------------------------------------------------------------
    for name, scale, very_negative in [("categorical", 1.0, True), ("categorical_peaked", 4.0, False)]:
        logits = rng.randn(B, A) * scale
        if very_negative:
            logits[2, 1] = -40.0
        actions = rng.randint(A, B)
        if very_negative:
            actions[2] = 3
        lg = logits.clone().requires_grad_(True)
        dist = torch.distributions.Categorical(logits=lg)
        lp, ent = dist.log_prob(actions), dist.entropy()
        up1, up2 = rng.randn(B), rng.randn(B)
        g = grads_of((up1 * lp).sum() + (up2 * ent).sum(), [("logits", lg)])
        cases.append({"name": name, "distribution": "categorical",
                      "inputs": {"logits": T(logits), "actions": T(actions)},
                      "log_prob": T(lp), "entropy": T(ent),
                      "upstream_log_prob": T(up1), "upstream_entropy": T(up2), "grads": g})

    # diagonal Gaussian ---------------------------------------------------------------------
    for name, ls in [("diag_gaussian", [-0.5, 0.3]), ("diag_gaussian_zero_log_std", [0.0, 0.0])]:
        mean = rng.randn(B, D)
        log_std = torch.tensor(ls, dtype=F32)
        actions = mean + rng.randn(B, D) * torch.exp(log_std)
        m = mean.clone().requires_grad_(True)
        s = log_std.clone().requires_grad_(True)
        dist = torch.distributions.Normal(m, torch.exp(s))
        lp = dist.log_prob(actions).sum(-1)
        ent = dist.entropy().sum(-1)
        up1, up2 = rng.randn(B), rng.randn(B)
        g = grads_of((up1 * lp).sum() + (up2 * ent).sum(), [("mean", m), ("log_std", s)])
        cases.append({"name": name, "distribution": "diag_gaussian",
                      "inputs": {"mean": T(mean), "log_std": T(log_std), "actions": T(actions)},
                      "log_prob": T(lp), "entropy": T(ent),
                      "upstream_log_prob": T(up1), "upstream_entropy": T(up2), "grads": g})
    return {"cases": cases}


# --------------------------------------------------------------------------- mlp.json

def gen_mlp():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(8, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64),
                              torch.nn.Tanh(), torch.nn.Linear(64, 4))
    rng = Rng(5005)
    x = rng.randn(16, 8)
    up = rng.randn(16, 4)
    params = [{"name": n, "value": T(p)} for n, p in net.named_parameters()]
    out = net(x)
    loss = (out * up).sum()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, foreach=False)
    opt.zero_grad()
    loss.backward()
    grads = [{"name": n, "value": T(p.grad)} for n, p in net.named_parameters()]
    opt.step()
    after = [{"name": n, "value": T(p)} for n, p in net.named_parameters()]
    return {"cases": [{
        "name": "mlp_8_64_64_4_tanh",
        "architecture": "nn.Sequential(Linear(8,64), Tanh, Linear(64,64), Tanh, Linear(64,4)); "
                        "torch.manual_seed(0) default init; y = x @ W^T + b",
        "parameters": params, "input": T(x), "output": T(out), "upstream": T(up), "loss": _num(loss.detach()),
        "grads": grads,
        "adam": {"lr": 1e-3, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0},
        "after_adam_step": after,
    }]}


# --------------------------------------------------------------------------- main

FILES = {
    "ops": ("ops.json", gen_ops),
    "named_axes": ("named_axes.json", gen_named_axes),
    "optimizers": ("optimizers.json", gen_optimizers),
    "distributions": ("distributions.json", gen_distributions),
    "mlp": ("mlp.json", gen_mlp),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "Tests", "DSLTests", "Fixtures")))
    ap.add_argument("--only", default=",".join(FILES), help="comma-separated subset of " + ",".join(FILES))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for key in args.only.split(","):
        fname, gen = FILES[key]
        write(args.out, fname, gen())


if __name__ == "__main__":
    sys.exit(main())
