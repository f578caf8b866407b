#!/usr/bin/env bash
# Multi-thread scaling, mlp4j vs its peers at the same thread count, in one invocation: the FMA peak, one square
# SGEMM (vs NumPy/OpenBLAS) and the training epoch of the small and the big network (vs PyTorch), at each thread
# count of a list. Prints one table: the figures, the ratio against the peer at that thread count, and each side's
# speed-up over its own 1-thread figure. Meant for machines with more cores than the 2-core development boxes.
# At thread count T every side computes on T cores: NumPy and PyTorch get OPENBLAS_NUM_THREADS=T as well as
# torch.set_num_threads(T) (left alone, Debian's PyTorch runs one intra-op thread but OpenBLAS on every core, which
# is its best setting on 2 cores and the peer of train_side_by_side.sh, not of a scaling table).
#
#   bench/peers/thread_scaling.sh [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"] [--python /path/to/python3]
#                                 [--threads 1,2,4,8,16] [--epochs E] [--gemm N]
#
# Defaults: threads 1, 2, 4, ... up to nproc (and nproc itself); 2 timed epochs; GEMM 2048³. --python is the
# interpreter that has numpy and torch (default /usr/bin/python3, Debian's). Data: Fashion-MNIST when
# dataset-fashion-mnist is installed, else seeded random rows (both sides alike). Needs the CLI jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=openblas_core.sh
source "$root/bench/peers/openblas_core.sh"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
python=/usr/bin/python3
opts=""
epochs=2
gemm=2048
threads=""
while [ $# -gt 0 ]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --jvm-opts) opts="$2"; shift 2 ;;
    --python) python="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --gemm) gemm="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$threads" ]; then
  n="$(nproc)"; t=1; threads=""
  while [ "$t" -lt "$n" ]; do threads="$threads${threads:+,}$t"; t=$(( t * 2 )); done
  threads="$threads${threads:+,}$n"
fi
jar="$root/cli/target/mlp4j.jar"
[ -f "$jar" ] || "$root/mlp4j" --version >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mlp4j() {
  # shellcheck disable=SC2086  # $opts is a list of JVM flags
  "$java" --add-modules jdk.incubator.vector $opts -jar "$jar" "$@" 2>/dev/null
}
for t in ${threads//,/ }; do
  mlp4j bench --peak --threads "$t" --json > "$tmp/peak-$t.json"
  mlp4j bench --gemm "$gemm,$gemm,$gemm" --threads "$t" --json > "$tmp/gemm-$t.json"
  "$python" "$root/bench/peers/gemm_numpy.py" "$t" "$gemm,$gemm,$gemm,NN" > "$tmp/numpy-$t.json" 2>/dev/null || echo '{}' > "$tmp/numpy-$t.json"
  for spec in "small 784,128,64,10 128" "big 784,1024,1024,10 256"; do
    # shellcheck disable=SC2086  # a name, the widths and the batch
    set -- $spec
    mlp4j bench --layers "$2" --batch "$3" --epochs "$epochs" --threads "$t" --json > "$tmp/mlp4j-$1-$t.json"
    OPENBLAS_NUM_THREADS="$t" OMP_NUM_THREADS="$t" "$python" "$root/bench/peers/torch_mlp.py" --layers "$2" --batch "$3" --epochs "$epochs" --threads "$t" \
        > "$tmp/torch-$1-$t.json" 2>/dev/null || echo '{}' > "$tmp/torch-$1-$t.json"
  done
done
"$python" - "$tmp" "$threads" "$gemm" "$("$java" -version 2>&1 | head -1) $opts" <<'PY'
import json, os, sys
d, threads, gemm, jv = sys.argv[1:5]
ts = [int(t) for t in threads.split(",")]
def load(name):
    try:
        with open(os.path.join(d, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}
def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "n/a"
def speedup(v, v1, lower_is_better=False):
    if not v or not v1:
        return "n/a"
    return f"{(v1 / v if lower_is_better else v / v1):.1f}x"
print(f"java: {jv}")
p1 = load(f"peak-{ts[0]}.json")
print(f"kernels: {p1.get('implementation', '?')}")
print(f"{'thr':>3} | {'peak':>6} | {'sgemm ' + gemm + '³':>14} {'numpy':>7} {'ratio':>6} {'scale':>5}/{'np':<5}"
      f" | {'small epoch s':>13} {'torch':>7} {'ratio':>6} {'scale':>5}/{'pt':<5}"
      f" | {'big epoch s':>11} {'torch':>7} {'ratio':>6} {'scale':>5}/{'pt':<5}")
g1 = load(f"gemm-{ts[0]}.json").get("gflops"); n1 = load(f"numpy-{ts[0]}.json").get("gflops")
base = {s: (load(f"mlp4j-{s}-{ts[0]}.json").get("secondsPerEpoch"), load(f"torch-{s}-{ts[0]}.json").get("secondsPerEpoch"))
        for s in ("small", "big")}
for t in ts:
    peak = load(f"peak-{t}.json").get("peakGflops")
    g = load(f"gemm-{t}.json").get("gflops"); n = load(f"numpy-{t}.json").get("gflops")
    row = f"{t:>3} | {peak or 0:6.0f} | {g or 0:14.0f} {n or 0:7.0f} {ratio(g, n):>6} {speedup(g, g1):>5}/{speedup(n, n1):<5}"
    for s in ("small", "big"):
        m = load(f"mlp4j-{s}-{t}.json").get("secondsPerEpoch"); p = load(f"torch-{s}-{t}.json").get("secondsPerEpoch")
        width = 13 if s == "small" else 11
        row += (f" | {m or 0:{width}.3f} {p or 0:7.3f} {ratio(m, p):>6}"
                f" {speedup(m, base[s][0], True):>5}/{speedup(p, base[s][1], True):<5}")
    print(row)
print("peak, sgemm: GFLOP/s (higher is better); epochs: seconds (lower is better); ratio: mlp4j / peer at the same"
      " thread count; scale: speed-up over the same side's first row")
PY
