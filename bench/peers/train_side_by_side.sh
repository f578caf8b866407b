#!/usr/bin/env bash
# Training and inference throughput, mlp4j vs PyTorch, in one invocation on the same machine.
# Runs `mlp4j bench --json` and bench/peers/torch_mlp.py (at 1 intra-op thread and at N) back to back for each
# network, and prints the ratios against PyTorch's faster setting. With --rounds R it runs that triple R times in
# turn and prints each side's median and the median (and range) of the ratios taken within each round: on a small
# KVM guest the machine moves in phases of minutes, and a ratio of two runs seconds apart is the figure that holds.
#
# Usage: bench/peers/train_side_by_side.sh [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"] [--threads N] [--epochs E]
#                                          [--rounds R]
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
rounds=1
opts=""
while [ $# -gt 0 ]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --jvm-opts) opts="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$root/cli/target/mlp4j.jar" ] || "$root/mlp4j" --version >/dev/null
out="$(mktemp -d)"
for spec in "784,128,64,10 128" "784,1024,1024,10 256"; do
  set -- $spec
  layers=$1; batch=$2
  e=$epochs; [ "$layers" = "784,1024,1024,10" ] && e=$(( epochs < 2 ? epochs : 2 ))
  for r in $(seq 1 "$rounds"); do
    "$java" --add-modules jdk.incubator.vector $opts -jar "$root/cli/target/mlp4j.jar" bench --layers "$layers" \
        --batch "$batch" --epochs "$e" --threads "$threads" --json 2>/dev/null > "$out/mlp4j-$layers-$r.json"
    /usr/bin/python3 "$root/bench/peers/torch_mlp.py" --layers "$layers" --batch "$batch" --epochs "$e" --threads 1 \
        > "$out/torch1-$layers-$r.json"
    /usr/bin/python3 "$root/bench/peers/torch_mlp.py" --layers "$layers" --batch "$batch" --epochs "$e" \
        --threads "$threads" > "$out/torchN-$layers-$r.json"
  done
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, sys, os, statistics
d, rounds = sys.argv[1], int(sys.argv[2])
def load(name):
    return [json.load(open(os.path.join(d, f"{name}-{r}.json"))) for r in range(1, rounds + 1)]
spread = f" {'ratio range':>13}" if rounds > 1 else ""
print(f"{'network':18} {'metric':32} {'mlp4j':>12} {'torch 1T':>12} {'torch NT':>12} {'ratio vs best':>14}{spread}")
for layers in ("784,128,64,10", "784,1024,1024,10"):
    m, t1, tn = load(f"mlp4j-{layers}"), load(f"torch1-{layers}"), load(f"torchN-{layers}")
    rows = [("secondsPerEpoch", "epoch seconds (lower is better)", min),
            ("latencyMicrosBatch1", "batch-1 latency µs (lower)", min),
            ("inferenceSamplesPerSecondBatch1000", "batch-1000 rows/s (higher)", max),
            ("gflops", "training GFLOP/s (higher)", max)]
    for key, label, best in rows:
        med = [statistics.median(run[key] for run in side) for side in (m, t1, tn)]
        ratios = sorted(m[r][key] / best(t1[r][key], tn[r][key]) for r in range(rounds))
        rng = f" {ratios[0]:6.3f}-{ratios[-1]:.3f}" if rounds > 1 else ""
        print(f"{layers:18} {label:32} {med[0]:12.4g} {med[1]:12.4g} {med[2]:12.4g} "
              f"{statistics.median(ratios):13.3f}x{rng}")
    fracs = [run['peakFraction'] for run in m if run['peakFraction'] is not None]
    frac = "n/a (probe failed)" if not fracs else f"{100 * statistics.median(fracs):.1f}%"
    peak = statistics.median(run['peakGflops'] for run in m)
    print(f"{layers:18} {'% of FMA peak (mlp4j)':32} {frac:>12}   ({m[0]['kernels']}, peak {peak:.0f} GFLOP/s)")
if rounds > 1:
    print(f"{rounds} rounds: each side's median; the ratio is the median of the ratios taken within each round")
PY
rm -rf "$out"
