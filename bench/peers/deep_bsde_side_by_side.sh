#!/usr/bin/env bash
# The deep BSDE example (Allen-Cahn, d = 100), mlp4j vs PyTorch, in one invocation on the same machine:
# `mlp4j example deep-bsde --json` and bench/peers/deep_bsde_torch.py (variants bmm and plain, 1 intra-op thread,
# PyTorch's fastest setting for these tiny ops), then the per-iteration ratio against PyTorch's fastest variant,
# over the whole run and warm (from the log line of iteration 100 to the last: JIT warm-up and the first
# allocations excluded on both sides). With --rounds R the three runs repeat R times in turn (mlp4j, bmm, plain), so
# that a machine whose speed moves in phases is sampled alike on both sides; the table then has one row per run and
# round, each ratio against the fastest PyTorch variant of its own round, and a last line with the median ratios.
# Below the table, where mlp4j's iteration goes: the median microseconds of its phases (paths, forward, backward,
# update) over the second half of its run.
#
# Usage: bench/peers/deep_bsde_side_by_side.sh [--iterations 300] [--seed 1] [--threads 2] [--torch-threads 1]
#                                              [--rounds 1]
# Needs: the CLI jar (./mlp4j builds it), Debian's python3-torch (/usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=openblas_core.sh
source "$root/bench/peers/openblas_core.sh"
iterations=300
seed=1
threads=2
torch_threads=1
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --torch-threads) torch_threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq 1 "$rounds"); do
  "$root/mlp4j" example deep-bsde --json --iterations "$iterations" --seed "$seed" --threads "$threads" \
      >"$tmp/mlp4j-$r.json" 2>"$tmp/mlp4j-$r.log"
  for v in bmm plain; do
    /usr/bin/python3 "$here/deep_bsde_torch.py" --variant "$v" --iterations "$iterations" --seed "$seed" \
        --threads "$torch_threads" >"$tmp/torch-$v-$r.json" 2>"$tmp/torch-$v-$r.log"
  done
done
/usr/bin/python3 - "$tmp" "$threads" "$torch_threads" "$rounds" <<'PY'
import json, re, statistics, sys
tmp, threads, tt, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def warm(log):
    steps = [(int(m.group(1)), float(m.group(2))) for m in
             re.finditer(r"^step\s+(\d+)\s.*?([0-9.]+) s$", open(log).read(), re.M)]
    # runs of 100 iterations or fewer have no warm part: nan
    first = next((s for s in steps if s[0] >= 100), None)
    last = steps[-1]
    return 1000 * (last[1] - first[1]) / (last[0] - first[0]) if first and last[0] > first[0] else float("nan")

print("| run | threads | ms/iteration | × PyTorch's fastest | warm ms/iteration | × (warm) | y0 at the end |")
print("|---|---|---|---|---|---|---|")
ratios, warm_ratios = [], []
for r in range(1, rounds + 1):
    runs = [("mlp4j", threads, json.load(open("%s/mlp4j-%d.json" % (tmp, r))), warm("%s/mlp4j-%d.log" % (tmp, r)))]
    for v in ("bmm", "plain"):
        runs.append(("PyTorch 1.13 float32, " + v, tt, json.load(open("%s/torch-%s-%d.json" % (tmp, v, r))),
                     warm("%s/torch-%s-%d.log" % (tmp, v, r))))
    fastest = min(x[2]["msPerIteration"] for x in runs[1:])
    fastest_warm = min(x[3] for x in runs[1:])
    ratios.append(runs[0][2]["msPerIteration"] / fastest)
    warm_ratios.append(runs[0][3] / fastest_warm)
    for name, t, j, w in runs:
        label = name if rounds == 1 else "%s (round %d)" % (name, r)
        print("| %s | %s | %.2f | %.3f | %.2f | %.3f | %.6f |" % (label, t, j["msPerIteration"],
              j["msPerIteration"] / fastest, w, w / fastest_warm, j["y0"]))
print()
for r in range(1, rounds + 1):
    # where mlp4j's iteration goes (medians over the second half of its run, `example deep-bsde --json`'s phases)
    p = json.load(open("%s/mlp4j-%d.json" % (tmp, r))).get("phases")
    if p:
        print("mlp4j%s, an iteration from %d on: paths %.0f µs, forward %.0f µs, backward %.0f µs, update %.0f µs"
              % ("" if rounds == 1 else " (round %d)" % r, p["fromIteration"], p["pathsUs"], p["forwardUs"],
                 p["backwardUs"], p["updateUs"]))
if rounds > 1:
    print("\nmedian over %d rounds: mlp4j × PyTorch's fastest %.3f (warm %.3f); range %.3f–%.3f (warm %.3f–%.3f)"
          % (rounds, statistics.median(ratios), statistics.median(warm_ratios), min(ratios), max(ratios),
             min(warm_ratios), max(warm_ratios)))
PY
