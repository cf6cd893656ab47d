#!/usr/bin/env bash
# Runs Nabla's benchmark suite and its peer alternately, with the same core count, and prints the ratios.
#
#   bench/compare.sh SUITE [--threads "1 2"] [--rounds R] [--quick] [--baseline DIR]
#                                                          SUITE: gemm, mlp, latency, mlp-sklearn
#
# For each thread count, R rounds each run ours then the peer (alternating spreads machine noise evenly);
# per workload the best round of each side is kept, written to bench/results/SUITE-compare-tN.json and printed
# with ratio = ours / peer (for throughput; > 1 means Nabla is faster). Peers configure themselves at their
# best (see bench/peers/*.py and docs/PERFORMANCE.md). --baseline DIR also runs the benchmark harness of another
# checkout of Nabla (e.g. a `git worktree` of an older commit) in every round, between ours and the peer, so a
# before/after comparison comes from one run; the table adds its numbers and nabla / baseline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
suite="${1:?usage: bench/compare.sh SUITE [--threads \"1 2\"] [--rounds R] [--quick] [--baseline DIR]}"
shift
threads_list="$(nproc)"
[ "$threads_list" -gt 1 ] && threads_list="1 $threads_list"
rounds=2
extra=()
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads_list="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --quick) extra+=(--quick); shift ;;
    --filter) extra+=(--filter "$2"); shift 2 ;;
    --baseline) baseline="$(cd "$2" && pwd)"; shift 2 ;;
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
if [ -n "$baseline" ]; then
  dotnet build -c Release "$baseline/bench/Nabla.Bench" -v quiet -nologo >/dev/null
  baseline_dll="$baseline/bench/Nabla.Bench/bin/Release/net10.0/Nabla.Bench.dll"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$root/bench/results"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for t in $threads_list; do
  for r in $(seq 1 "$rounds"); do
    echo "== threads $t, round $r/$rounds: nabla" >&2
    dotnet "$ours" "${ours_suite[$suite]:-$suite}" --threads "$t" --json "$tmp/nabla-t$t-r$r.json" "${extra[@]}" >/dev/null
    if [ -n "$baseline" ]; then
      echo "== threads $t, round $r/$rounds: baseline" >&2
      dotnet "$baseline_dll" "${ours_suite[$suite]:-$suite}" --threads "$t" --json "$tmp/base-t$t-r$r.json" "${extra[@]}" >/dev/null
    fi
    echo "== threads $t, round $r/$rounds: peer" >&2
    "$python" "${peer_cmd[@]}" --threads "$t" --json "$tmp/peer-t$t-r$r.json" "${extra[@]}" >/dev/null
  done
  base_files=()
  [ -n "$baseline" ] && base_files=(-- "$tmp"/base-t$t-r*.json)
  "$python" "$here/join_compare.py" "$suite" "$t" "$root/bench/results/$suite-compare-t$t.json" \
    "$tmp"/nabla-t$t-r*.json "${base_files[@]}" -- "$tmp"/peer-t$t-r*.json
done
