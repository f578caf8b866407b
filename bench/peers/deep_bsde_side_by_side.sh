#!/usr/bin/env bash
# The deep BSDE example (Allen-Cahn, d = 100), mlp4j vs PyTorch, in one invocation on the same machine:
# `mlp4j example deep-bsde --json` and bench/peers/deep_bsde_torch.py (variants bmm and plain, 1 intra-op thread,
# PyTorch's fastest setting for these tiny ops), then the per-iteration ratio against PyTorch's fastest variant.
#
# Usage: bench/peers/deep_bsde_side_by_side.sh [--iterations 300] [--seed 1] [--threads 2] [--torch-threads 1]
# Needs: the CLI jar (./mlp4j builds it), Debian's python3-torch (/usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
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
import json, sys
tmp, threads, tt = sys.argv[1], sys.argv[2], sys.argv[3]
m = json.load(open(tmp + "/mlp4j.json"))
b = json.load(open(tmp + "/torch-bmm.json"))
p = json.load(open(tmp + "/torch-plain.json"))
fastest = min(b["msPerIteration"], p["msPerIteration"])
print("| run | threads | ms/iteration | × PyTorch's fastest | y0 at the end |")
print("|---|---|---|---|---|")
print("| mlp4j | %s | %.2f | %.3f | %.6f |" % (threads, m["msPerIteration"], m["msPerIteration"] / fastest, m["y0"]))
print("| PyTorch 1.13 float32, bmm | %s | %.2f | %.3f | %.6f |" % (tt, b["msPerIteration"], b["msPerIteration"] / fastest, b["y0"]))
print("| PyTorch 1.13 float32, plain | %s | %.2f | %.3f | %.6f |" % (tt, p["msPerIteration"], p["msPerIteration"] / fastest, p["y0"]))
PY
