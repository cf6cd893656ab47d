#!/usr/bin/python3
"""Writes tests/reference/golden/differential.json: the differential test of Nabla against PyTorch (issue 18).

Regenerate (CI reads the committed JSON and needs no PyTorch):
    env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/reference/make_differential.py
(Debian's /usr/bin/python3 with python3-torch 1.13; a pyenv python will not find torch.)

Each case is a small program over input tensors, run by PyTorch in float32 and in float64 (from the same float32
inputs); Nabla.NN.Tests/Golden/DifferentialTests.cs replays it through Nabla in float32.

Format (compact: every float is the shortest decimal of a float32; "nan", "inf", "-inf" are strings):
  {"generator": {...}, "cases": [case, ...]}
  case = {
    "n":  name,
    "i":  inputs, each {"s": shape, "d": data} or {"s": shape, "p": [a, b, m]} (x_i = a + b * (i % m), in float32)
          with "c": true for a constant (no gradient wanted; always for pattern inputs),
    "p":  program, a list of nodes [op, arg, ...]; integer args before the op's options refer to earlier values
          (inputs first, then nodes); the last node is the output,
    "go": upstream gradient dL/d(output) (data, output shape), so the gradients are those of sum(output * go),
    "y":  PyTorch float32 output, "g": float32 gradients of the non-constant inputs, in input order,
    "y64", "g64": the float64 results rounded to float32, present only where they differ from float32,
    "rt": relative tolerance when PyTorch's own float32 error makes 1e-5 too tight (see below),
    "dev": a documented deviation (tie rules; PyTorch's own float64 softmax backward where it cancels): the reason,
           with "ny"/"ng", the values Nabla is specified to give.
  }
Tolerance: an element passes when |nabla - ref| <= rt * (|ref| + 0.1 * max|ref|) for ref the float64 or the float32
result (max over the tensor: entries much smaller than the rest of a gradient are compared in absolute terms);
rt = max(1e-5, 4 * PyTorch float32's own error by that measure) up to 1e-3; random graphs where that error exceeds
2.5e-4 are left out (ill-conditioned: no check), other cases then keep 1e-5 against either result. NaN must meet NaN, infinities the same infinity.
Schedules: {"n", "sched": [[kind, options...], ...], "chain": "each"|"chained"|"sequential", "ms": milestones,
"metrics": [...], "lrs": [...]} with learning rates as float64.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "differential.json")
rs = np.random.RandomState(18)


def f32(v):
    v = float(np.float32(v))
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    r = repr(np.float32(v))
    r = r[len("np.float32("):-1] if r.startswith("np.float32(") else r
    return float(r) if ("." in r or "e" in r) else int(r)


def flat(t):
    return [f32(v) for v in t.detach().reshape(-1).tolist()]


# ------------------------------------------------------------------ ops: name -> (number of tensor args, function)
def red(fn, r):
    return fn(reduction=r)


OPS = {
    "neg": (1, lambda a: -a), "exp": (1, torch.exp), "log": (1, torch.log), "sqrt": (1, torch.sqrt),
    "abs": (1, torch.abs), "sigmoid": (1, torch.sigmoid), "tanh": (1, torch.tanh), "relu": (1, torch.relu),
    "softplus": (1, F.softplus), "gelu": (1, F.gelu), "silu": (1, F.silu), "square": (1, lambda a: a * a),
    "log1p": (1, torch.log1p), "expm1": (1, torch.expm1), "gelu_tanh": (1, lambda a: F.gelu(a, approximate="tanh")),
    "leaky_relu": (1, lambda a, s: F.leaky_relu(a, s)), "elu": (1, lambda a, al: F.elu(a, al)),
    "pow_s": (1, lambda a, p: a.pow(p)), "clamp": (1, lambda a, lo, hi: a.clamp(lo, hi)),
    "add_s": (1, lambda a, c: a + c), "mul_s": (1, lambda a, c: a * c), "rsub_s": (1, lambda a, c: c - a),
    "rdiv_s": (1, lambda a, c: c / a),
    "add": (2, torch.add), "sub": (2, torch.sub), "mul": (2, torch.mul), "div": (2, torch.div), "pow": (2, torch.pow),
    "maximum": (2, torch.maximum), "minimum": (2, torch.minimum), "matmul": (2, torch.matmul),
    "sum": (1, torch.sum), "mean": (1, torch.mean), "max": (1, torch.max), "min": (1, torch.min),
    "sum_dim": (1, lambda a, d, k: a.sum(d, keepdim=k)), "mean_dim": (1, lambda a, d, k: a.mean(d, keepdim=k)),
    "max_dim": (1, lambda a, d, k: a.max(d, keepdim=k)[0]), "min_dim": (1, lambda a, d, k: a.min(d, keepdim=k)[0]),
    "logsumexp": (1, lambda a, d, k: torch.logsumexp(a, d, keepdim=k)),
    "var": (1, lambda a, d, u, k: a.var(d, unbiased=u, keepdim=k)), "std": (1, lambda a, d, u, k: a.std(d, unbiased=u, keepdim=k)),
    "softmax": (1, lambda a, d: torch.softmax(a, d)), "log_softmax": (1, lambda a, d: torch.log_softmax(a, d)),
    "transpose": (1, lambda a, d0, d1: a.transpose(d0, d1)), "reshape": (1, lambda a, s: a.reshape(s)),
    "where": (3, lambda c, a, b: torch.where(c != 0, a, b)),
    "masked_fill": (2, lambda a, m, v: a.masked_fill(m != 0, v)),
    "slice2": (1, lambda a, s0, e0, s1, e1: a[s0:e0, s1:e1]), "row": (1, lambda a, i: a[i]),
    "eq": (2, lambda a, b: (a == b).float()), "gt": (2, lambda a, b: (a > b).float()), "le": (2, lambda a, b: (a <= b).float()),
    "mse": (2, lambda a, b, r: F.mse_loss(a, b, reduction=r)), "l1": (2, lambda a, b, r: F.l1_loss(a, b, reduction=r)),
    "huber": (2, lambda a, b, d, r: F.huber_loss(a, b, reduction=r, delta=d)),
    "bce": (2, lambda a, b, r: F.binary_cross_entropy(a, b, reduction=r)),
    "bce_logits": (2, lambda a, b, r: F.binary_cross_entropy_with_logits(a, b, reduction=r)),
    "bce_logits_pw": (3, lambda a, b, w, r: F.binary_cross_entropy_with_logits(a, b, pos_weight=w, reduction=r)),
    "ce": (2, lambda a, t, r, ls: F.cross_entropy(a, t.long() if t.dim() == a.dim() - 1 else t, reduction=r, label_smoothing=ls)),
    "ce_w": (3, lambda a, t, w, r, ls: F.cross_entropy(a, t.long() if t.dim() == a.dim() - 1 else t, weight=w, reduction=r, label_smoothing=ls)),
    "ce_ii": (2, lambda a, t, r, ii: F.cross_entropy(a, t.long(), reduction=r, ignore_index=ii)),
    "ce_ii_w": (3, lambda a, t, w, r, ls, ii: F.cross_entropy(a, t.long(), weight=w, reduction=r, label_smoothing=ls, ignore_index=ii)),
    "ce_ii_ls": (2, lambda a, t, r, ls, ii: F.cross_entropy(a, t.long(), reduction=r, label_smoothing=ls, ignore_index=ii)),
    "nll_ii": (2, lambda a, t, r, ii: F.nll_loss(a, t.long(), reduction=r, ignore_index=ii)),
    "bce_w": (3, lambda a, b, w, r: F.binary_cross_entropy(a, b, weight=w, reduction=r)),
    "bce_logits_w": (3, lambda a, b, w, r: F.binary_cross_entropy_with_logits(a, b, weight=w, reduction=r)),
    "nll": (2, lambda a, t, r: F.nll_loss(a, t.long(), reduction=r)),
    "nll_w": (3, lambda a, t, w, r: F.nll_loss(a, t.long(), weight=w, reduction=r)),
}


def run(case_inputs, program, dtype):
    vals = []
    leaves = []
    for inp in case_inputs:
        t = torch.tensor(np.array(inp["_v"], dtype=np.float32).reshape(inp["s"]), dtype=dtype)
        if not inp.get("c"):
            t.requires_grad_(True)
            leaves.append(t)
        vals.append(t)
    for node in program:
        n, fn = OPS[node[0]]
        args = [vals[k] for k in node[1:1 + n]]
        vals.append(fn(*args, *node[1 + n:]))
    return vals[-1], leaves


def measure(ref, other):
    """The largest |other - ref| / (|ref| + 0.1 max|ref|) over finite entries."""
    ref = np.asarray([float(v) for v in ref], dtype=np.float64)
    other = np.asarray([float(v) for v in other], dtype=np.float64)
    fin = np.isfinite(ref) & np.isfinite(other)
    if not fin.any():
        return 0.0
    m = np.abs(ref[fin]).max()
    den = np.abs(ref[fin]) + 0.1 * m
    den[den == 0] = 1.0
    return float((np.abs(other[fin] - ref[fin]) / den).max())


cases = []
skipped = []


def values_of(inp):
    if "d" in inp:
        return [float("nan") if v == "nan" else float("inf") if v == "inf" else float("-inf") if v == "-inf" else v for v in inp["d"]]
    a, b, m = (np.float32(v) for v in inp["p"])
    size = int(np.prod(inp["s"])) if inp["s"] else 1
    return (a + b * (np.arange(size) % int(m)).astype(np.float32)).astype(np.float32).tolist()


def add(name, inputs, program, dev=None, nabla=None):
    for inp in inputs:
        inp["_v"] = values_of(inp)
        if "p" in inp:
            inp["c"] = True  # long pattern inputs: the values are the point, their gradients would bloat the file
    y32, l32 = run(inputs, program, torch.float32)
    y64, l64 = run(inputs, program, torch.float64)
    go = rs.uniform(-1, 1, size=tuple(y32.shape)).astype(np.float32)
    for y, leaves in ((y32, l32), (y64, l64)):
        if leaves:
            y.backward(torch.tensor(go, dtype=y.dtype))
    g32 = [flat(t.grad) if t.grad is not None else flat(torch.zeros_like(t)) for t in l32]
    g64 = [flat(t.grad) if t.grad is not None else flat(torch.zeros_like(t)) for t in l64]
    c = {"n": name, "i": [{k: v for k, v in inp.items() if k != "_v"} for inp in inputs], "p": program,
         "go": [f32(v) for v in go.reshape(-1)], "y": flat(y32)}
    if l32:
        c["g"] = g32
    y64f = flat(y64)
    if y64f != c["y"]:
        c["y64"] = y64f
    if l32 and g64 != g32:
        c["g64"] = g64
    err = measure(y64f, c["y"])
    for a, b in zip(g64, g32):
        err = max(err, measure(a, b))
    if 4 * err > 1e-3 and name.startswith("graph_"):
        # PyTorch's own float32 result is off by more than 0.1%: an ill-conditioned random draw, not a useful check.
        skipped.append(name)
        return
    if 1e-5 < 4 * err <= 1e-3:
        # (Edge values beyond that, e.g. a saturated sigmoid's derivative 0 against 2e-9 in float64, keep 1e-5: Nabla
        # must then meet the float32 or the float64 result closely.)
        c["rt"] = float("%.3g" % (4 * err))
    if dev:
        c["dev"] = dev  # Nabla's specified values are filled in by fill_deviation below
    cases.append(c)


def data(shape, lo=-2.0, hi=2.0, const=False):
    d = {"s": list(shape), "d": [f32(v) for v in rs.uniform(lo, hi, size=shape).astype(np.float32).reshape(-1)]}
    if const:
        d["c"] = True
    return d


def const(shape, values):
    return {"s": list(shape), "d": [f32(v) for v in values], "c": True}


def exact(shape, values, c=False):
    d = {"s": list(shape), "d": [f32(v) for v in values]}
    if c:
        d["c"] = True
    return d


# ------------------------------------------------------------------ families
UNARY_ANY = ["neg", "exp", "abs", "sigmoid", "tanh", "relu", "softplus", "gelu", "silu", "square", "expm1", "gelu_tanh"]
UNARY_POS = ["log", "sqrt", "log1p"]
BINARY = ["add", "sub", "mul", "div", "maximum", "minimum", "pow"]
REDUCE = ["sum_dim", "mean_dim", "max_dim", "min_dim", "logsumexp"]


def broadcast_pair():
    rank = rs.randint(1, 4)
    out = list(rs.randint(1, 5, size=rank))
    a = [d if rs.rand() < 0.7 else 1 for d in out]
    b = [d if rs.rand() < 0.7 else 1 for d in out]
    if rs.rand() < 0.3:
        b = b[rs.randint(0, rank):]
    return a, b


def random_graph(k):
    sa, sb = broadcast_pair()
    inputs = [data(sa), data(sb)]
    prog = []
    nv = 2
    op = BINARY[rs.randint(len(BINARY) - 1)]  # no pow here: it needs positive bases
    if op == "div":
        prog.append(["add_s", 1, 3.0]); prog.append(["abs", 0]); nv += 2
        prog.append(["div", 0, nv - 2]); nv += 1
    else:
        prog.append([op, 0, 1]); nv += 1
    for _ in range(rs.randint(1, 4)):
        cur = nv - 1
        kind = rs.rand()
        if kind < 0.45:
            u = UNARY_ANY[rs.randint(len(UNARY_ANY))]
            if u in ("exp", "expm1"):
                prog.append(["mul_s", cur, 0.5]); nv += 1; cur = nv - 1
            prog.append([u, cur]); nv += 1
        elif kind < 0.6:
            u = UNARY_POS[rs.randint(len(UNARY_POS))]
            prog.append(["abs", cur]); prog.append(["add_s", cur + 1, 0.5]); prog.append([u, cur + 2]); nv += 3
        elif kind < 0.75:
            u = ["leaky_relu", "elu", "pow_s", "clamp"][rs.randint(4)]
            prog.append({"leaky_relu": [u, cur, 0.1], "elu": [u, cur, 0.7], "pow_s": [u, cur, 3.0], "clamp": [u, cur, -0.5, 0.7]}[u]); nv += 1
        else:
            prog.append(["mul", cur, 0]) if rs.rand() < 0.5 else prog.append(["add", cur, 1]); nv += 1
    cur = nv - 1
    # the output shape is known only by running: pick a reduction by a probe
    probe, _ = run([dict(i, _v=values_of(i)) for i in inputs], prog, torch.float32)
    r = rs.rand()
    if probe.dim() > 0 and r < 0.5:
        d = int(rs.randint(probe.dim()))
        op = REDUCE[rs.randint(len(REDUCE))]
        prog.append([op, cur, d, bool(rs.rand() < 0.5)])
    elif probe.dim() > 0 and r < 0.65:
        prog.append(["softmax" if rs.rand() < 0.5 else "log_softmax", cur, int(rs.randint(probe.dim()))])
    elif r < 0.8:
        prog.append(["sum" if rs.rand() < 0.5 else "mean", cur])
    add(f"graph_{k}", inputs, prog)


for k in range(450):
    random_graph(k)

# every unary op on a few shapes, including 0-d and size-1 dims, and spans long enough for vector lanes
for shape in ([], [1], [3, 1], [37]):
    for u in UNARY_ANY:
        add(f"unary_{u}_{shape}", [data(shape, -3, 3)], [[u, 0]])
    for u in UNARY_POS:
        add(f"unary_{u}_{shape}", [data(shape, 0.1, 3)], [[u, 0]])
    for u, opts in (("leaky_relu", [0.2]), ("elu", [1.3]), ("pow_s", [2.5]), ("pow_s", [-1.0]), ("clamp", [-1.0, 0.5]),
                    ("add_s", [2.0]), ("mul_s", [-3.0]), ("rsub_s", [1.0]), ("rdiv_s", [2.0])):
        lo = 0.2 if u in ("pow_s", "rdiv_s") else -3
        add(f"unary_{u}{opts}_{shape}", [data(shape, lo, 3)], [[u, 0] + opts])

# binary ops with broadcasting
for k in range(70):
    sa, sb = broadcast_pair()
    op = BINARY[k % len(BINARY)]
    lo = 0.3 if op in ("pow", "div") else -2
    add(f"binary_{op}_{k}", [data(sa, lo, 2), data(sb, lo, 2)], [[op, 0, 1]])

# reductions on every dim, with and without keepdim; var/std biased and unbiased
for shape in ([5], [3, 4], [2, 3, 4]):
    for d in range(len(shape)):
        for keep in (False, True):
            for op in REDUCE:
                add(f"{op}_{shape}_{d}_{keep}", [data(shape)], [[op, 0, d, keep]])
            for op in ("var", "std"):
                for unbiased in (True, False):
                    add(f"{op}_{shape}_{d}_{unbiased}_{keep}", [data(shape)], [[op, 0, d, unbiased, keep]])
    for op in ("sum", "mean"):
        add(f"{op}_all_{shape}", [data(shape)], [[op, 0]])

# softmax / log-softmax on each dim
for shape in ([4], [3, 5], [2, 3, 4]):
    for d in range(len(shape)):
        for op in ("softmax", "log_softmax"):
            add(f"{op}_{shape}_{d}", [data(shape, -4, 4)], [[op, 0, d]])
            add(f"{op}_{shape}_{d}_big", [data(shape, -100, 100)], [[op, 0, d]])

# matmul: vectors, matrices, batch dims with broadcasting, sizes around the kernel's blocks
for k, (sa, sb) in enumerate([([5], [5]), ([4], [4, 3]), ([2, 4], [4]), ([1, 1], [1, 1]), ([3, 4], [4, 2]),
                              ([2, 3, 4], [4, 2]), ([3, 4], [2, 4, 5]), ([2, 3, 4], [2, 4, 2]), ([2, 1, 3, 4], [5, 4, 2]),
                              ([7, 9], [9, 17]), ([17, 33], [33, 8]), ([16, 16], [16, 16]), ([65, 3], [3, 31]),
                              ([1, 300], [300, 1]), ([5, 129], [129, 6]), ([33, 64], [64, 9])]):
    for rep in range(1 if sa[-1] > 100 or sa[0] > 30 else 3):
        add(f"matmul_{sa}x{sb}_{rep}", [data(sa, -1, 1), data(sb, -1, 1)], [["matmul", 0, 1]])
for k in range(12):
    m, kk, n = (int(v) for v in rs.randint(1, 24, size=3))
    add(f"matmul_random_{m}x{kk}x{n}", [data([m, kk], -1, 1), data([kk, n], -1, 1)], [["matmul", 0, 1]])

# losses: every loss and reduction, options, probabilities and indices
REDS = ["mean", "sum", "none"]
for r in REDS:
    for k in range(4):
        shape = [[4], [3, 2], [2, 3, 2], [5, 1]][k]
        add(f"mse_{r}_{k}", [data(shape), data(shape, const=True)], [["mse", 0, 1, r]])
        add(f"l1_{r}_{k}", [data(shape), data(shape, const=True)], [["l1", 0, 1, r]])
        add(f"huber_{r}_{k}", [data(shape, -3, 3), data(shape, const=True)], [["huber", 0, 1, 0.8, r]])
        add(f"bce_{r}_{k}", [data(shape, 0.05, 0.95), data(shape, 0, 1)], [["bce", 0, 1, r]])
        add(f"bce_logits_{r}_{k}", [data(shape, -4, 4), data(shape, 0, 1)], [["bce_logits", 0, 1, r]])
        add(f"bce_logits_pw_{r}_{k}", [data(shape, -4, 4), data(shape, 0, 1), data(shape[-1:], 0.5, 3, const=True)],
            [["bce_logits_pw", 0, 1, 2, r]])
    for k, (n, c) in enumerate([(4, 3), (1, 5), (6, 2)]):
        idx = const([n], rs.randint(0, c, size=n))
        probs = const([n, c], rs.dirichlet(np.ones(c), size=n).reshape(-1))
        w = const([c], rs.uniform(0.2, 2, size=c))
        for ls in (0.0, 0.2):
            add(f"ce_idx_{r}_{k}_{ls}", [data([n, c], -3, 3), idx], [["ce", 0, 1, r, ls]])
            add(f"ce_probs_{r}_{k}_{ls}", [data([n, c], -3, 3), probs], [["ce", 0, 1, r, ls]])
            add(f"ce_w_{r}_{k}_{ls}", [data([n, c], -3, 3), idx, w], [["ce_w", 0, 1, 2, r, ls]])
        add(f"ce_ignore_{r}_{k}", [data([n, c], -3, 3), const([n], [(-100 if i % 2 else rs.randint(c)) for i in range(n)])],
            [["ce_ii", 0, 1, r, -100]]) if n > 1 else None
        add(f"nll_{r}_{k}", [data([n, c], -3, 0), idx], [["nll", 0, 1, r]])
        add(f"nll_w_{r}_{k}", [data([n, c], -3, 0), idx, w], [["nll_w", 0, 1, 2, r]])
    add(f"ce_unbatched_{r}", [data([4], -3, 3), const([], [2])], [["ce", 0, 1, r, 0.0]])
    add(f"ce_unbatched_probs_{r}", [data([4], -3, 3), const([4], [0.1, 0.2, 0.3, 0.4])], [["ce", 0, 1, r, 0.1]])
    add(f"nll_unbatched_{r}", [data([3], -3, 0), const([], [1])], [["nll", 0, 1, r]])
    ign = const([5], [1, -100, 0, 2, -100])
    w3 = const([3], [0.5, 2.0, 1.5])
    add(f"ce_ignore_smoothing_{r}", [data([5, 3], -3, 3), ign], [["ce_ii_ls", 0, 1, r, 0.2, -100]])
    add(f"ce_ignore_weight_smoothing_{r}", [data([5, 3], -3, 3), ign, w3], [["ce_ii_w", 0, 1, 2, r, 0.2, -100]])
    add(f"ce_ignore_weight_{r}", [data([5, 3], -3, 3), ign, w3], [["ce_ii_w", 0, 1, 2, r, 0.0, -100]])
    add(f"ce_ignore_custom_index_{r}", [data([4, 3], -3, 3), const([4], [1, 2, 0, 2])], [["ce_ii", 0, 1, r, 2]])
    add(f"nll_ignore_{r}", [data([5, 3], -3, 0), ign], [["nll_ii", 0, 1, r, -100]])
    for k, shape in enumerate([[4], [3, 2]]):
        add(f"bce_weight_{r}_{k}", [data(shape, 0.05, 0.95), data(shape, 0, 1, const=True), data(shape[-1:], 0.2, 2, const=True)],
            [["bce_w", 0, 1, 2, r]])
        add(f"bce_logits_weight_{r}_{k}", [data(shape, -4, 4), data(shape, 0, 1, const=True), data(shape, 0.2, 2, const=True)],
            [["bce_logits_w", 0, 1, 2, r]])

# where (mask constant)
for k in range(6):
    sa, sb = broadcast_pair()
    add(f"where_{k}", [const(sa, (rs.rand(int(np.prod(sa))) < 0.5).astype(np.float32)), data(sa), data(sb)], [["where", 0, 1, 2]])

# masked_fill, slicing and row indexing (with gradients), comparisons (values only)
for k in range(4):
    add(f"masked_fill_{k}", [data([3, 4]), const([3, 1] if k % 2 else [4], (rs.rand(3 if k % 2 else 4) < 0.5).astype(np.float32))],
        [["masked_fill", 0, 1, -1.5]])
    add(f"slice2_{k}", [data([4, 5])], [["slice2", 0, k % 2, 3 + k % 2, k, 5], ["mul_s", 1, 2.0]])
    add(f"row_{k}", [data([4, 3])], [["row", 0, k - 2 if k else 0]])
for op in ("eq", "gt", "le"):
    a = const([2, 3], [1, 2, 3, 4, 5, 6])
    add(f"compare_{op}", [a, const([3], [2, 2, 6])], [[op, 0, 1]])

# ------------------------------------------------------------------ edge values
INF, NAN = float("inf"), float("nan")
add("edge_bce_logits_pm100_zero", [exact([3, 2], [0, 0, 100, -100, 0.001, -0.001]), exact([3, 2], [1, 0, 0, 1, 0.5, 0.5])],
    [["bce_logits", 0, 1, "mean"]])
for r in REDS:
    add(f"edge_bce_logits_pw_{r}", [exact([3, 2], [0, 0, 100, -100, 0.001, -0.001]), exact([3, 2], [1, 0, 0, 1, 0.5, 0.5]),
                                    const([2], [3, 0.5])], [["bce_logits_pw", 0, 1, 2, r]])
add("edge_ce_logits_pm100", [exact([2, 3], [100, -100, 0, -100, 100, 100]), const([2], [1, 2])], [["ce", 0, 1, "mean", 0.0]])
add("edge_log_softmax_pm100", [exact([2, 3], [100, -100, 0, -100, 100, 100])], [["log_softmax", 0, 1]])
add("edge_relu_at_zero", [exact([5], [0, -0.0, 1e-30, -1e-30, 2])], [["relu", 0]])
add("edge_leaky_relu_at_zero", [exact([3], [0, -1, 1])], [["leaky_relu", 0, 0.1]])
add("edge_abs_zero", [exact([3], [0, -0.0, 2])], [["abs", 0]])
add("edge_sqrt_zero", [exact([2], [0, 4])], [["sqrt", 0]])
add("edge_abs_sqrt_negative", [exact([2], [-1, 4])], [["sqrt", 0], ["abs", 1]])
add("edge_pow0_base0", [exact([3], [0, 2, -2])], [["pow_s", 0, 0.0]])
add("edge_pow2_base0", [exact([3], [0, 2, -2])], [["pow_s", 0, 2.0]])
add("edge_pow_half_base0", [exact([2], [0, 4])], [["pow_s", 0, 0.5]])
add("edge_pow_tensor_base0", [exact([5], [0, 0, 2, -2, 0]), exact([5], [0, 2, 0, 0.5, -1])], [["pow", 0, 1]])
add("edge_pow_negative_base_integer_exp", [exact([3], [-2, -0.5, -3]), exact([3], [2, 3, -1], c=True)], [["pow", 0, 1]])
add("edge_pow_s_negative_base", [exact([3], [-2, -0.5, -3])], [["pow_s", 0, 3.0]])
add("edge_softplus_very_negative", [exact([6], [-100, -40, -20, 0, 20, 30])], [["softplus", 0]])
add("edge_elu_very_negative", [exact([5], [-30, -20, -7, -1e-3, 0.5])], [["elu", 0, 0.7]])
add("edge_sigmoid_pm100", [exact([4], [-100, 100, -20, 20])], [["sigmoid", 0]])
add("edge_tanh_small", [exact([8], [0, 1e-6, 1e-3, -1e-9, 6, -6, 9, 20])], [["tanh", 0]])
add("edge_log_zero_negative", [exact([3], [0, -1, 1])], [["log", 0]])
add("edge_log1p_tiny", [exact([4], [1e-10, -1e-8, 1e-3, 5])], [["log1p", 0]])
add("edge_expm1_tiny", [exact([4], [1e-10, -1e-8, 1e-3, -20])], [["expm1", 0]])
add("edge_nan_unary", [exact([9], [NAN] * 9)], [["abs", 0], ["relu", 1], ["sigmoid", 2], ["tanh", 3]])
for u in ["exp", "log", "sqrt", "abs", "sigmoid", "tanh", "relu", "softplus", "gelu", "silu", "square", "neg", "log1p", "expm1"]:
    add(f"edge_nan_inf_{u}", [exact([4], [NAN, INF, -INF, 1.0])], [[u, 0]])
add("edge_nan_elu", [exact([3], [NAN, -1, 1])], [["elu", 0, 1.0]])
add("edge_nan_leaky", [exact([3], [NAN, -1, 1])], [["leaky_relu", 0, 0.01]])
add("edge_nan_clamp", [exact([3], [NAN, -1, 0.2])], [["clamp", 0, -0.5, 0.5]])
add("edge_nan_maximum", [exact([4], [NAN, 1, 2, 3]), exact([4], [1, NAN, 5, 1])], [["maximum", 0, 1]])
add("edge_nan_minimum", [exact([4], [NAN, 1, 2, 3]), exact([4], [1, NAN, 5, 1])], [["minimum", 0, 1]])
add("edge_nan_max_dim", [exact([2, 3], [1, NAN, 3, 4, 5, 6])], [["max_dim", 0, 1, False]])
add("edge_inf_sum", [exact([3], [INF, 1, 2])], [["sum", 0]])
add("edge_inf_softmax", [exact([3], [INF, 1, 2])], [["softmax", 0, 0]])
add("edge_clamp_at_bounds", [exact([4], [-0.5, 0.5, 0.2, 2])], [["clamp", 0, -0.5, 0.5]])
# documented deviations: ties
add("edge_tie_maximum", [exact([3], [1, 2, 3]), exact([3], [1, 5, 3])], [["maximum", 0, 1]],
    dev="ties: Nabla gives the whole gradient to the first operand; PyTorch splits it in halves",
    nabla=None)
add("edge_tie_minimum", [exact([3], [1, 2, 3]), exact([3], [1, 5, 3])], [["minimum", 0, 1]],
    dev="ties: Nabla gives the whole gradient to the first operand; PyTorch splits it in halves", nabla=None)
add("edge_tie_max_all", [exact([4], [1, 3, 3, 2])], [["max", 0]],
    dev="ties: Nabla's Max() gives the gradient to the first maximum; PyTorch's max() spreads it evenly", nabla=None)
add("edge_tie_min_all", [exact([4], [1, 0, 0, 2])], [["min", 0]],
    dev="ties: Nabla's Min() gives the gradient to the first minimum; PyTorch's min() spreads it evenly", nabla=None)
add("edge_tie_max_dim", [exact([2, 3], [3, 3, 1, 0, 2, 2])], [["max_dim", 0, 1, False]])
# long reductions (pattern inputs: x_i = a + b (i % m))
add("long_sum_2e6", [{"s": [2000000], "p": [0.1, 0, 1]}], [["sum", 0]])
add("long_sum_dim0_1e6x2", [{"s": [1000000, 2], "p": [0.1, 0, 1]}], [["sum_dim", 0, 0, False]])
add("long_mean_dim0_1e6x2", [{"s": [1000000, 2], "p": [0.1, 0, 1]}], [["mean_dim", 0, 0, False]])
add("long_mean_pattern", [{"s": [300000], "p": [0.25, 0.001, 997]}], [["mean", 0]])
add("long_sum_dim1_pattern", [{"s": [3, 200000], "p": [-1, 0.003, 1001]}], [["sum_dim", 0, 1, True]])
add("long_mse_300000", [{"s": [300000], "p": [0.5, 0.0001, 1009]}, {"s": [300000], "p": [0.1, 0, 1], "c": True}], [["mse", 0, 1, "mean"]])


def fill_deviation(c):
    """Nabla's specified tie rule: the first operand / first occurrence takes the whole gradient."""
    xs = [np.array(values_of(i), dtype=np.float32) for i in c["i"]]
    go = np.array(c["go"], dtype=np.float32)
    op = c["p"][-1][0]
    if op in ("maximum", "minimum"):
        a, b = xs
        better = (b > a) if op == "maximum" else (b < a)
        ga = np.where(better, 0, go)
        gb = np.where(better, go, 0)
        c["ny"], c["ng"] = c["y"], [[f32(v) for v in ga.reshape(-1)], [f32(v) for v in gb.reshape(-1)]]
    else:
        x = xs[0]
        k = int(np.argmax(x) if op == "max" else np.argmin(x))
        g = np.zeros_like(x)
        g[k] = go.reshape(-1)[0]
        c["ny"], c["ng"] = c["y"], [[f32(v) for v in g]]


for c in cases:
    if "dev" in c:
        fill_deviation(c)


def exact_softmax_gradient(c):
    """dx_i = y_i sum_j y_j (g_i - g_j) in float64 from float64 probabilities: no 1 - y_i cancellation."""
    x = np.array(values_of(c["i"][0]), dtype=np.float64).reshape(c["i"][0]["s"])
    dim = c["p"][-1][2]
    y = torch.softmax(torch.tensor(x), dim).numpy()
    g = np.array(c["go"], dtype=np.float64).reshape(y.shape)
    y, g = np.moveaxis(y, dim, -1), np.moveaxis(g, dim, -1)
    dx = y * ((y[..., None, :] * (g[..., :, None] - g[..., None, :])).sum(-1))
    return [f32(v) for v in np.moveaxis(dx, -1, dim).reshape(-1)]


for c in cases:
    if c["n"].startswith("softmax_") and c["n"].endswith("_big"):
        exact = exact_softmax_gradient(c)
        if measure(exact, c.get("g64", c["g"])[0]) > 2.5e-6:
            c["dev"] = ("PyTorch's softmax backward y (g - sum(g y)) loses 1 - y of a saturated softmax even in float64 "
                        "(1% at 1e-15); Nabla is exact: ng is the float64 result of y_i sum_j y_j (g_i - g_j)")
            c["ny"], c["ng"] = c["y"], [exact]


# ------------------------------------------------------------------ schedules (learning rates as float64)
def schedule_case(name, specs, chain, n=12, ms=None, metrics=None):
    from torch.optim import SGD
    from torch.optim import lr_scheduler as L
    p = torch.nn.Parameter(torch.zeros(1))
    o = SGD([p], lr=0.1, momentum=0.9)
    make = {"step": lambda a: L.StepLR(o, a[0], a[1]), "exponential": lambda a: L.ExponentialLR(o, a[0]),
            "multi_step": lambda a: L.MultiStepLR(o, a[0], a[1]), "cosine": lambda a: L.CosineAnnealingLR(o, a[0], a[1]),
            "linear": lambda a: L.LinearLR(o, a[0], a[1], a[2]),
            "plateau": lambda a: L.ReduceLROnPlateau(o, factor=a[0], patience=a[1])}
    made = [make[s[0]](s[1:]) for s in specs]
    if chain == "chained":
        steppers = [L.ChainedScheduler(made)]
    elif chain == "sequential":
        steppers = [L.SequentialLR(o, made, ms)]
    else:
        steppers = made
    lrs = [o.param_groups[0]["lr"]]
    for e in range(n):
        o.step()
        for s in steppers:
            s.step(metrics[e]) if isinstance(s, L.ReduceLROnPlateau) else s.step()
        lrs.append(o.param_groups[0]["lr"])
    c = {"n": name, "sched": specs, "chain": chain, "lrs": lrs}
    if ms:
        c["ms"] = ms
    if metrics:
        c["metrics"] = metrics
    cases.append(c)


schedule_case("sched_step_exponential", [["step", 3, 0.1], ["exponential", 0.9]], "each")
schedule_case("sched_chained_step_exponential", [["step", 3, 0.1], ["exponential", 0.9]], "chained")
schedule_case("sched_linear_cosine", [["linear", 0.25, 1.0, 4], ["cosine", 6, 0.001]], "each")
schedule_case("sched_sequential_linear_cosine", [["linear", 0.25, 1.0, 4], ["cosine", 6, 0.001]], "sequential", ms=[4])
schedule_case("sched_multistep_plateau", [["multi_step", [2, 5], 0.5], ["plateau", 0.5, 1]], "each",
              metrics=[1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
schedule_case("sched_cosine_exponential", [["cosine", 5, 0.0], ["exponential", 0.8]], "each", n=14)
schedule_case("sched_sequential_three", [["exponential", 0.5], ["step", 2, 0.5], ["cosine", 4, 0.01]], "sequential", ms=[3, 7], n=14)

# ------------------------------------------------------------------ the GEMM k-chain (depends on the GEMM's blocked k loop)
add("long_k_matmul_100000", [{"s": [1, 100000], "p": [0.1, 0, 1]}, {"s": [100000, 1], "p": [1, 0, 1]}], [["matmul", 0, 1]])

doc = {
    "generator": {"script": "tests/reference/make_differential.py", "torch": torch.__version__, "numpy": np.__version__,
                  "python": sys.version.split()[0]},
    "cases": cases,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as fh:
    json.dump(doc, fh, separators=(",", ":"), allow_nan=False, default=lambda o: o.item())
    fh.write("\n")
print(f"{len(cases)} cases, {os.path.getsize(OUT)} bytes -> {OUT}; ill-conditioned draws left out: {skipped}")
