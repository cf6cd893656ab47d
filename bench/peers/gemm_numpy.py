#!/usr/bin/python3
"""numpy/OpenBLAS peer of `Nabla.Bench gemm`: same workloads (bench/workloads/gemm.json), same JSON schema.

Usage: /usr/bin/python3 bench/peers/gemm_numpy.py [--threads N] [--json PATH] [--filter TEXT] [--quick]

Configured at its best (see docs/PERFORMANCE.md and the project's performance notes):
  * OpenBLAS runs the kernels of Nabla's ISA path: its own choice (AVX-512 where the CPU has it), or
    OPENBLAS_CORETYPE=Haswell (AVX2) on an AVX2-only CPU or under DOTNET_EnableAVX512F=0; OPENBLAS_L2_SIZE removed;
  * OPENBLAS_NUM_THREADS (and OMP_NUM_THREADS) = --threads, the same core count Nabla gets.
OpenBLAS reads these when it loads, so the script re-executes itself with the clean environment before
importing numpy. Needs Debian's python3-numpy with libopenblas0-pthread (else numpy uses the slow reference BLAS).
Operands are laid out as the workload says (transposed views, no copies) and C is written with out=.
"""
import argparse
import datetime
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from peer_common import ensure_best_environment, machine  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--json", default=None)
    p.add_argument("--filter", default=None)
    p.add_argument("--quick", action="store_true")
    return p.parse_args()


def median_seconds_per_call(fn, runs, warmup, min_run):
    end = time.perf_counter() + warmup
    calls = 0
    start = time.perf_counter()
    while True:
        fn()
        calls += 1
        if time.perf_counter() >= end:
            break
    per_call = (time.perf_counter() - start) / calls
    batch = max(1, int(-(-min_run // max(per_call, 1e-9))))
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter() - t0) / batch)
    samples.sort()
    n = len(samples)
    return samples[n // 2] if n % 2 else 0.5 * (samples[n // 2 - 1] + samples[n // 2])


def blas_name(np):
    try:
        import numpy.core._multiarray_umath as mu  # noqa: F401
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line}
        return ", ".join(sorted(os.path.basename(x) for x in libs)) or "unknown"
    except OSError:
        return "unknown"


def main():
    args = parse_args()
    ensure_best_environment(args.threads)
    import numpy as np

    with open(os.path.join(ROOT, "bench", "workloads", "gemm.json")) as f:
        shapes = json.load(f)["shapes"]
    rng = np.random.default_rng(42)
    print(f"numpy {np.__version__} gemm, threads {args.threads}, BLAS: {blas_name(np)}")
    print(f"{'workload':<24}{'m':>8}{'n':>8}{'k':>8}{'op':>5}{'us/call':>12}{'GFLOP/s':>10}")
    results = []
    for s in shapes:
        if args.filter and args.filter.lower() not in s["name"].lower():
            continue
        m, n, k, ta, tb = s["m"], s["n"], s["k"], s["transA"], s["transB"]
        a = rng.uniform(-1, 1, size=(k, m) if ta else (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, size=(n, k) if tb else (k, n)).astype(np.float32)
        c = np.empty((m, n), dtype=np.float32)
        opa = a.T if ta else a
        opb = b.T if tb else b
        sec = median_seconds_per_call(lambda: np.matmul(opa, opb, out=c),
                                      runs=3 if args.quick else 9,
                                      warmup=0.05 if args.quick else 0.5,
                                      min_run=0.01 if args.quick else 0.05)
        op = ("T" if ta else "N") + ("T" if tb else "N")
        row = {"name": s["name"], "m": m, "n": n, "k": k, "transA": ta, "transB": tb, "op": op,
               "microseconds": sec * 1e6, "gflops": 2.0 * m * n * k / sec / 1e9}
        results.append(row)
        print(f"{s['name']:<24}{m:>8}{n:>8}{k:>8}{op:>5}{sec * 1e6:>12.1f}{row['gflops']:>10.1f}", flush=True)

    path = args.json or os.path.join(ROOT, "bench", "results", f"gemm-numpy-t{args.threads}.json")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    report = {"suite": "gemm", "impl": f"numpy {np.__version__} + OpenBLAS", "threads": args.threads,
              "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "machine": machine(),
              "config": {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                        "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
              "results": results}
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
