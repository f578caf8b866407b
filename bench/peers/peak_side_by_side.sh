#!/usr/bin/env bash
# The FMA peak, `mlp4j bench --peak` vs a C loop of the same independent FMA chains in the same vector width
# (bench/peers/fma_peak.c, gcc -O2 -march=native), alternated in one invocation; prints medians and the ratio.
#
#   bench/peers/peak_side_by_side.sh [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"] [--threads N] [--rounds R]
#
# Needs gcc and the CLI jar (./mlp4j builds it). The Java figure is taken for the vector width the JVM's kernels
# use (512 bits on AVX-512, 256 with -XX:UseAVX=2 or on AVX2 hardware, 128 with -XX:UseAVX=0/1 or
# -XX:MaxVectorSize=16); the C loop is built for and run at that width.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
opts=""
threads="$(nproc)"
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --jvm-opts) opts="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$root/cli/target/mlp4j.jar" ] || "$root/mlp4j" --version >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
gcc -O2 -march=native -pthread -o "$tmp/fma_peak" "$root/bench/peers/fma_peak.c"
for r in $(seq "$rounds"); do
  # shellcheck disable=SC2086
  "$java" --add-modules jdk.incubator.vector $opts -jar "$root/cli/target/mlp4j.jar" bench --peak --threads "$threads" \
      --json 2>/dev/null >> "$tmp/java.jsonl"
  bits="$(/usr/bin/python3 -c 'import json,re,sys; l=[json.loads(x) for x in open(sys.argv[1])][-1]; m=re.search(r"(\d+)-bit", l["implementation"]); print(m.group(1) if m else 32)' "$tmp/java.jsonl")"
  "$tmp/fma_peak" "$bits" 1 >> "$tmp/c1.txt"
  "$tmp/fma_peak" "$bits" "$threads" >> "$tmp/cN.txt"
done
/usr/bin/python3 - "$tmp" "$("$java" -version 2>&1 | head -1)" "$opts" "$threads" "$(uptime)" <<'PY'
import json, statistics as st, sys, os
d, jv, opts, threads, up = sys.argv[1:6]
java = [json.loads(l) for l in open(os.path.join(d, "java.jsonl"))]
c1 = [float(l.split()[1]) for l in open(os.path.join(d, "c1.txt"))]
cn = [float(l.split()[1]) for l in open(os.path.join(d, "cN.txt"))]
j1 = [r["peakGflops1"] for r in java]; jn = [r["peakGflops"] for r in java]
print(f"java: {jv} {opts}".rstrip()); print(f"load: {up.strip()}")
print(f"{'':22} {'mlp4j --peak':>13} {'C fma_peak':>11} {'ratio':>6}   (medians of {len(java)} rounds; {java[-1]['implementation']})")
for label, j, c in (("1 thread", j1, c1), (f"{threads} threads", jn, cn)):
    print(f"{label:22} {st.median(j):13.1f} {st.median(c):11.1f} {st.median(j) / st.median(c):6.3f}")
print("per round (mlp4j/C, 1 thread):", " ".join(f"{a / b:.2f}" for a, b in zip(j1, c1)))
PY
