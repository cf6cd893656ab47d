#!/usr/bin/env bash
# Runs Nabla's benchmark suite and its peer alternately, with the same core count, and prints the ratios.
#
#   bench/compare.sh SUITE [--threads "1 2"] [--rounds R] [--quick]     SUITE: gemm, mlp, latency, mlp-sklearn
#
# For each thread count, R rounds each run ours then the peer (alternating spreads machine noise evenly);
# per workload the best round of each side is kept, written to bench/results/SUITE-compare-tN.json and printed
# with ratio = ours / peer (for throughput; > 1 means Nabla is faster). Peers configure themselves at their
# best (see bench/peers/*.py and docs/PERFORMANCE.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
suite="${1:?usage: bench/compare.sh SUITE [--threads \"1 2\"] [--rounds R] [--quick]}"
shift
threads_list="$(nproc)"
[ "$threads_list" -gt 1 ] && threads_list="1 $threads_list"
rounds=2
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads_list="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --quick) extra+=(--quick); shift ;;
    --filter) extra+=(--filter "$2"); shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# suite -> peer command (script and arguments); mlp-sklearn runs our mlp suite against scikit-learn.
declare -A peer_script=( [gemm]="$here/peers/gemm_numpy.py"
  [mlp]="$here/peers/mlp_torch.py mlp" [latency]="$here/peers/mlp_torch.py latency"
  [mlp-sklearn]="$here/peers/mlp_sklearn.py" )
declare -A ours_suite=( [mlp-sklearn]=mlp )
peer="${peer_script[$suite]:-}"
if [ -z "$peer" ]; then echo "no peer script registered for suite '$suite'" >&2; exit 2; fi
read -r -a peer_cmd <<< "$peer"
python=/usr/bin/python3

dotnet build -c Release "$root/bench/Nabla.Bench" -v quiet -nologo >/dev/null
ours="$root/bench/Nabla.Bench/bin/Release/net10.0/Nabla.Bench.dll"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$root/bench/results"

# Time-based suites (mlp, latency, mlp-sklearn): per workload the fastest round of each side, ratio = ours / peer
# time (< 1 means Nabla is faster); for mlp also both test accuracies.
join_times() {
  "$python" - "$@" <<'PY'
import json, sys
suite, threads, out = sys.argv[1], sys.argv[2], sys.argv[3]
rest = sys.argv[4:]
sep = rest.index("--")
key = "microseconds" if suite == "latency" else "seconds_per_epoch"
def best(files):
    rows, meta = {}, None
    for f in files:
        d = json.load(open(f))
        meta = meta or d
        for r in d["results"]:
            if r["name"] not in rows or r[key] < rows[r["name"]][key]:
                rows[r["name"]] = r
    return rows, meta
ours, om = best(rest[:sep])
peer, pm = best(rest[sep + 1:])
print(f"\nnabla kernel path: {om['machine'].get('kernel_path')}; peer config: {pm.get('config')}")
print(f"{suite}, threads {threads}: nabla vs {pm['impl']} (best of {len(rest[:sep])} alternating rounds each); "
      f"ratio = nabla {key} / peer {key} (< 1: nabla faster)")
acc = key == "seconds_per_epoch"
print(f"{'workload':<24}{'nabla':>12}{'peer':>12}{'ratio':>8}" + (f"{'nabla acc':>11}{'peer acc':>10}" if acc else ""))
joined = []
for name, o in ours.items():
    p = peer.get(name)
    if p is None:
        continue
    row = {"name": name, "nabla_" + key: o[key], "peer_" + key: p[key], "ratio": o[key] / p[key]}
    line = f"{name:<24}{o[key]:>12.4g}{p[key]:>12.4g}{row['ratio']:>8.2f}"
    if acc:
        row["nabla_test_accuracy"], row["peer_test_accuracy"] = o["test_accuracy"], p["test_accuracy"]
        line += f"{o['test_accuracy']:>11.4f}{p['test_accuracy']:>10.4f}"
    joined.append(row)
    print(line)
json.dump({"suite": suite, "threads": int(threads), "date": om["date"], "machine": om["machine"],
           "peer": pm["impl"], "peer_config": pm.get("config"), "rounds": len(rest[:sep]), "ratio": f"nabla {key} / peer {key}",
           "results": joined}, open(out, "w"), indent=2)
print(f"wrote {out}")
PY
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for t in $threads_list; do
  for r in $(seq 1 "$rounds"); do
    echo "== threads $t, round $r/$rounds: nabla" >&2
    dotnet "$ours" "${ours_suite[$suite]:-$suite}" --threads "$t" --json "$tmp/nabla-t$t-r$r.json" "${extra[@]}" >/dev/null
    echo "== threads $t, round $r/$rounds: peer" >&2
    "$python" "${peer_cmd[@]}" --threads "$t" --json "$tmp/peer-t$t-r$r.json" "${extra[@]}" >/dev/null
  done
  if [ "$suite" != gemm ]; then
    join_times "$suite" "$t" "$root/bench/results/$suite-compare-t$t.json" "$tmp"/nabla-t$t-r*.json -- "$tmp"/peer-t$t-r*.json
    continue
  fi
  "$python" - "$suite" "$t" "$root/bench/results/$suite-compare-t$t.json" "$tmp"/nabla-t$t-r*.json -- "$tmp"/peer-t$t-r*.json <<'PY'
import json, sys
suite, threads, out = sys.argv[1], sys.argv[2], sys.argv[3]
rest = sys.argv[4:]
sep = rest.index("--")
ours_files, peer_files = rest[:sep], rest[sep + 1:]
def best(files):
    rows, meta = {}, None
    for f in files:
        d = json.load(open(f))
        meta = meta or d
        for r in d["results"]:
            if r["name"] not in rows or r["gflops"] > rows[r["name"]]["gflops"]:
                rows[r["name"]] = r
    return rows, meta
ours, om = best(ours_files)
peer, pm = best(peer_files)
print(f"\nnabla kernel path: {om['machine'].get('kernel_path')}; peer config: {pm.get('config')}")
print(f"{suite}, threads {threads}: nabla vs {pm['impl']} (best of {len(ours_files)} alternating rounds each)")
print(f"{'workload':<24}{'op':>4}{'nabla GFLOP/s':>15}{'peer GFLOP/s':>14}{'ratio':>8}")
joined = []
for name, o in ours.items():
    p = peer.get(name)
    if p is None:
        continue
    ratio = o["gflops"] / p["gflops"]
    joined.append({"name": name, "op": o["op"], "m": o["m"], "n": o["n"], "k": o["k"],
                   "nabla_gflops": o["gflops"], "peer_gflops": p["gflops"], "ratio": ratio})
    print(f"{name:<24}{o['op']:>4}{o['gflops']:>15.1f}{p['gflops']:>14.1f}{ratio:>8.2f}")
json.dump({"suite": suite, "threads": int(threads), "date": om["date"], "machine": om["machine"],
           "peer": pm["impl"], "peer_config": pm.get("config"), "rounds": len(ours_files), "results": joined},
          open(out, "w"), indent=2)
print(f"wrote {out}")
PY
done
