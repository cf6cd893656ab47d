#!/usr/bin/python3
"""Prints the Markdown GEMM tables of docs/PERFORMANCE.md from bench/results/gemm-compare-t*.json and
gemm-scaling-nabla-t2.json."""
import json
import os
import sys

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
files = sys.argv[1:] or [os.path.join(here, f) for f in ("gemm-compare-t1.json", "gemm-compare-t2.json")]
data = [json.load(open(f)) for f in files]
by_name = {}
for d in data:
    for r in d["results"]:
        by_name.setdefault(r["name"], {"op": r["op"], "mnk": f"{r['m']}x{r['n']}x{r['k']}"})[d["threads"]] = r
threads = [d["threads"] for d in data]
# A run with --baseline (an older build in the same rounds) adds "before" and after/before columns.
baseline = all("baseline_rounds" in d for d in data)
per_thread = (["before {t}T", "Nabla {t}T", "OpenBLAS {t}T", "after/before {t}T", "ratio {t}T"] if baseline
              else ["Nabla {t}T", "OpenBLAS {t}T", "ratio {t}T"])
print("| workload | op | m x n x k | " + " | ".join(c.format(t=t) for t in threads for c in per_thread) + " |")
print("|" + "---|" * (3 + len(per_thread) * len(threads)))
for name, row in by_name.items():
    cells = []
    for t in threads:
        r = row.get(t)
        if r is None:
            cells += [""] * len(per_thread)
            continue
        if baseline:
            cells += [f"{r['baseline_gflops']:.1f}", f"{r['nabla_gflops']:.1f}", f"{r['peer_gflops']:.1f}", f"{r['vs_baseline']:.2f}"]
        else:
            cells += [f"{r['nabla_gflops']:.0f}", f"{r['peer_gflops']:.0f}"]
        cells.append(f"**{r['ratio']:.2f}**")
    print(f"| {name} | {row['op']} | {row['mnk']} | " + " | ".join(cells) + " |")
for d in data:
    print(f"\nthreads {d['threads']}: {d['date']}, {d['machine']['cpu']}, load average at start {d['machine'].get('load_average')}, "
          f"{d['rounds']} rounds, peer {d['peer']} with {d.get('peer_config')}")

scaling = os.path.join(here, "gemm-scaling-nabla-t2.json")
if not sys.argv[1:] and os.path.exists(scaling):
    d = json.load(open(scaling))
    print("\n| batch | hidden | 1 thread: us | GFLOP/s | 2 threads: us | GFLOP/s | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for r in d["results"]:
        print(f"| {r['batch']} | {r['hidden']} | {r['microseconds_1t']:.0f} | {r['gflops_1t']:.0f} | "
              f"{r['microseconds_nt']:.0f} | {r['gflops_nt']:.0f} | {r['speedup']:.2f} |")
    print(f"\n{d['date']}, {d['machine']['cpu']}, load average at start {d['machine'].get('load_average')}")
