#!/usr/bin/python3
"""Joins the per-round JSON files of one bench/compare.sh run into one table and one JSON file.

    join_compare.py SUITE THREADS OUT NABLA_FILES... [-- BASELINE_FILES...] -- PEER_FILES...

Per workload each side keeps its best round (the highest GFLOP/s for gemm, the shortest time otherwise): on a
shared machine the best round is the one the scheduler disturbed least. With baseline files (an older build of
Nabla, run in the same rounds), the table also shows the baseline and nabla / baseline, so a before/after
comparison comes from one run.
"""
import json
import sys

suite, threads, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
groups = [[]]
for arg in sys.argv[4:]:
    if arg == "--":
        groups.append([])
    else:
        groups[-1].append(arg)
if len(groups) == 2:
    nabla_files, baseline_files, peer_files = groups[0], [], groups[1]
elif len(groups) == 3:
    nabla_files, baseline_files, peer_files = groups
else:
    sys.exit("usage: join_compare.py SUITE THREADS OUT NABLA... [-- BASELINE...] -- PEER...")

gemm = suite == "gemm"
key = "gflops" if gemm else ("microseconds" if suite == "latency" else "seconds_per_epoch")
unit = "GFLOP/s" if gemm else ("us" if suite == "latency" else "s/epoch")


def better(a, b):
    return a > b if gemm else a < b


def best(files):
    rows, meta = {}, None
    for f in files:
        d = json.load(open(f))
        meta = meta or d
        for r in d["results"]:
            if r["name"] not in rows or better(r[key], rows[r["name"]][key]):
                rows[r["name"]] = r
    return rows, meta


ours, om = best(nabla_files)
peer, pm = best(peer_files)
base, _ = best(baseline_files) if baseline_files else ({}, None)
# Throughput: ratio > 1 means Nabla is faster; time: ratio < 1 means Nabla is faster.
direction = "> 1: nabla faster" if gemm else "< 1: nabla faster"
print(f"\nnabla kernel path: {om['machine'].get('kernel_path')}; peer config: {pm.get('config')}")
print(f"{suite}, threads {threads}: nabla vs {pm['impl']} (best of {len(nabla_files)} alternating rounds each); "
      f"ratio = nabla / peer {unit} ({direction})")
accuracy = suite in ("mlp", "mlp-sklearn")
header = f"{'workload':<24}" + (f"{'op':>4}" if gemm else "") + f"{'nabla':>12}"
if base:
    header += f"{'baseline':>12}{'vs base':>9}"
header += f"{'peer':>12}{'ratio':>8}" + (f"{'nabla acc':>11}{'peer acc':>10}" if accuracy else "")
print(header)
joined = []
for name, o in ours.items():
    p = peer.get(name)
    if p is None:
        continue
    row = {"name": name, "nabla_" + key: o[key], "peer_" + key: p[key], "ratio": o[key] / p[key]}
    line = f"{name:<24}" + (f"{o['op']:>4}" if gemm else "") + f"{o[key]:>12.4g}"
    if gemm:
        row.update({"op": o["op"], "m": o["m"], "n": o["n"], "k": o["k"]})
    if base:
        b = base.get(name)
        row["baseline_" + key] = b[key] if b else None
        row["vs_baseline"] = o[key] / b[key] if b else None
        line += f"{b[key]:>12.4g}{o[key] / b[key]:>9.2f}" if b else f"{'-':>12}{'-':>9}"
    line += f"{p[key]:>12.4g}{row['ratio']:>8.2f}"
    if accuracy:
        row["nabla_test_accuracy"], row["peer_test_accuracy"] = o["test_accuracy"], p["test_accuracy"]
        line += f"{o['test_accuracy']:>11.4f}{p['test_accuracy']:>10.4f}"
    joined.append(row)
    print(line)
report = {"suite": suite, "threads": threads, "date": om["date"], "machine": om["machine"], "peer": pm["impl"],
          "peer_config": pm.get("config"), "rounds": len(nabla_files), "ratio": f"nabla {key} / peer {key}",
          "results": joined}
if base:
    report["baseline_rounds"] = len(baseline_files)
json.dump(report, open(out, "w"), indent=2)
print(f"wrote {out}")
