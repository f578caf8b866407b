#!/usr/bin/env bash
# GEMM GFLOP/s, mlp4j vs NumPy/OpenBLAS, same shapes, same invocation; prints a table with the ratio.
#
#   bench/peers/gemm_side_by_side.sh [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"] [--threads 1,2] [m,n,k,TRANS ...]
#
# Builds nothing: run `mvn -B -q -pl engine,bench -am package -DskipTests` first (bench/target/benchmarks.jar).
# NumPy is the Debian one (/usr/bin/python3, numpy 1.24 on OpenBLAS), not whatever python3 is on PATH.
set -euo pipefail
# shellcheck disable=SC2086  # $opts is a list of JVM flags
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=openblas_core.sh
source "$root/bench/peers/openblas_core.sh"
java=java
threads=1,2
opts=""
shapes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --jvm-opts) opts="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) shapes+=("$1"); shift ;;
  esac
done
if [ ${#shapes[@]} -eq 0 ]; then
  shapes=(512,512,512,NN 1024,1024,1024,NN 2048,2048,2048,NN
          128,128,784,NN 784,128,128,TN 128,784,128,NT 128,10,64,NN
          256,1024,784,NN 256,1024,1024,NN 784,1024,256,TN 1024,1024,256,TN 256,784,1024,NT 256,1024,1024,NT
          256,10,1024,NN 1024,10,256,TN 256,1024,10,NT)
fi
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "missing $jar: mvn -B -q -pl engine,bench -am package -DskipTests" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

"$java" --add-modules jdk.incubator.vector $opts -cp "$jar" org.mlp4j.bench.GemmSideBySide --threads "$threads" "${shapes[@]}" \
  2>/dev/null > "$tmp/mlp4j.jsonl"
for t in ${threads//,/ }; do
  /usr/bin/python3 "$here/gemm_numpy.py" "$t" "${shapes[@]}" >> "$tmp/numpy.jsonl"
done

/usr/bin/python3 - "$tmp/mlp4j.jsonl" "$tmp/numpy.jsonl" "$("$java" -version 2>&1 | head -1) $opts" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
peak, ours = lines[0], lines[1:]
theirs = {(r["m"], r["n"], r["k"], r["trans"], r["threads"]): r["gflops"] for r in map(json.loads, open(sys.argv[2]))}
print(f"java: {sys.argv[3]}")
print(f"peak ({peak['implementation']}): {peak['gflops1']:.1f} GFLOP/s 1 thread, {peak['gflops']:.1f} on {peak['threads']}")
print(f"{'shape':>22} {'thr':>3} {'mlp4j':>8} {'%peak':>6} {'numpy':>8} {'ratio':>6}")
for r in ours:
    key = (r["m"], r["n"], r["k"], r["trans"], r["threads"])
    np_g = theirs.get(key, float("nan"))
    shape = f"{r['trans']} {r['m']}x{r['n']}x{r['k']}"
    frac = "  n/a" if r['peakFraction'] is None else f"{100*r['peakFraction']:4.0f}%"  # null: the peak probe failed
    print(f"{shape:>22} {r['threads']:>3} {r['gflops']:8.1f} {frac:>6} {np_g:8.1f} {r['gflops']/np_g:6.2f}")
PY
