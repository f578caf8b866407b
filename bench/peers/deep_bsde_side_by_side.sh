#!/usr/bin/env bash
# The deep BSDE example (Allen-Cahn, d = 100), mlp4j vs PyTorch, in one invocation on the same machine:
# `mlp4j example deep-bsde --json` and bench/peers/deep_bsde_torch.py (variants bmm and plain, 1 intra-op thread,
# PyTorch's fastest setting for these tiny ops), then the per-iteration ratio against PyTorch's fastest variant,
# over the whole run and warm (from the log line of iteration 100 to the last: JIT warm-up and the first
# allocations excluded on both sides).
#
# Usage: bench/peers/deep_bsde_side_by_side.sh [--iterations 300] [--seed 1] [--threads 2] [--torch-threads 1]
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
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --torch-threads) torch_threads="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$root/mlp4j" example deep-bsde --json --iterations "$iterations" --seed "$seed" --threads "$threads" \
    >"$tmp/mlp4j.json" 2>"$tmp/mlp4j.log"
for v in bmm plain; do
  /usr/bin/python3 "$here/deep_bsde_torch.py" --variant "$v" --iterations "$iterations" --seed "$seed" \
      --threads "$torch_threads" >"$tmp/torch-$v.json" 2>"$tmp/torch-$v.log"
done
/usr/bin/python3 - "$tmp" "$threads" "$torch_threads" <<'PY'
import json, re, sys
tmp, threads, tt = sys.argv[1], sys.argv[2], sys.argv[3]

def warm(log):
    steps = [(int(m.group(1)), float(m.group(2))) for m in
             re.finditer(r"^step\s+(\d+)\s.*?([0-9.]+) s$", open(log).read(), re.M)]
    first = [s for s in steps if s[0] >= 100][0]
    last = steps[-1]
    return 1000 * (last[1] - first[1]) / (last[0] - first[0]) if last[0] > first[0] else float("nan")

runs = [("mlp4j", threads, json.load(open(tmp + "/mlp4j.json")), warm(tmp + "/mlp4j.log"))]
for v in ("bmm", "plain"):
    runs.append(("PyTorch 1.13 float32, " + v, tt, json.load(open(tmp + "/torch-%s.json" % v)),
                 warm(tmp + "/torch-%s.log" % v)))
fastest = min(r[2]["msPerIteration"] for r in runs[1:])
fastest_warm = min(r[3] for r in runs[1:])
print("| run | threads | ms/iteration | × PyTorch's fastest | warm ms/iteration | × (warm) | y0 at the end |")
print("|---|---|---|---|---|---|---|")
for name, t, j, w in runs:
    print("| %s | %s | %.2f | %.3f | %.2f | %.3f | %.6f |" % (name, t, j["msPerIteration"],
          j["msPerIteration"] / fastest, w, w / fastest_warm, j["y0"]))
PY
