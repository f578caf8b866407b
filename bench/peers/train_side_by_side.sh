#!/usr/bin/env bash
# Training and inference throughput, mlp4j vs PyTorch, in one invocation on the same machine.
# Runs `mlp4j bench --json` and bench/peers/torch_mlp.py (at 1 intra-op thread and at N) back to back for each
# network, and prints the ratios against PyTorch's faster setting.
#
# Usage: bench/peers/train_side_by_side.sh [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"] [--threads N] [--epochs E]
# Needs: the CLI jar (./mlp4j builds it), Debian's python3-torch (/usr/bin/python3); uses Fashion-MNIST when
# dataset-fashion-mnist is installed, else seeded random rows (both sides alike).
set -euo pipefail
# shellcheck disable=SC2086  # $opts is a list of JVM flags
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=openblas_core.sh
source "$root/bench/peers/openblas_core.sh"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
threads="$(nproc)"
epochs=3
opts=""
while [ $# -gt 0 ]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --jvm-opts) opts="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$root/cli/target/mlp4j.jar" ] || "$root/mlp4j" --version >/dev/null
out="$(mktemp -d)"
for spec in "784,128,64,10 128" "784,1024,1024,10 256"; do
  set -- $spec
  layers=$1; batch=$2
  e=$epochs; [ "$layers" = "784,1024,1024,10" ] && e=$(( epochs < 2 ? epochs : 2 ))
  "$java" --add-modules jdk.incubator.vector $opts -jar "$root/cli/target/mlp4j.jar" bench --layers "$layers" --batch "$batch" \
      --epochs "$e" --threads "$threads" --json 2>/dev/null > "$out/mlp4j-$layers.json"
  /usr/bin/python3 "$root/bench/peers/torch_mlp.py" --layers "$layers" --batch "$batch" --epochs "$e" --threads 1 > "$out/torch1-$layers.json"
  /usr/bin/python3 "$root/bench/peers/torch_mlp.py" --layers "$layers" --batch "$batch" --epochs "$e" --threads "$threads" > "$out/torchN-$layers.json"
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys, os
d = sys.argv[1]
print(f"{'network':18} {'metric':32} {'mlp4j':>12} {'torch 1T':>12} {'torch NT':>12} {'ratio vs best':>14}")
for layers in ("784,128,64,10", "784,1024,1024,10"):
    m = json.load(open(os.path.join(d, f"mlp4j-{layers}.json")))
    t1 = json.load(open(os.path.join(d, f"torch1-{layers}.json")))
    tn = json.load(open(os.path.join(d, f"torchN-{layers}.json")))
    rows = [("secondsPerEpoch", "epoch seconds (lower is better)", min),
            ("latencyMicrosBatch1", "batch-1 latency µs (lower)", min),
            ("inferenceSamplesPerSecondBatch1000", "batch-1000 rows/s (higher)", max),
            ("gflops", "training GFLOP/s (higher)", max)]
    for key, label, best in rows:
        b = best(t1[key], tn[key])
        print(f"{layers:18} {label:32} {m[key]:12.4g} {t1[key]:12.4g} {tn[key]:12.4g} {m[key] / b:13.3f}x")
    frac = "n/a (probe failed)" if m['peakFraction'] is None else f"{100 * m['peakFraction']:.1f}%"
    print(f"{layers:18} {'% of FMA peak (mlp4j)':32} {frac:>12}   ({m['kernels']}, peak {m['peakGflops']:.0f} GFLOP/s)")
PY
rm -rf "$out"
