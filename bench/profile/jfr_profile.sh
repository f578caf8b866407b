#!/usr/bin/env bash
# Where an mlp4j command's time goes: runs the CLI jar under Java Flight Recorder (method samples every millisecond,
# stacks 256 frames deep) and prints jfr_breakdown.py's table: each thread's samples by kind of work (GEMM kernel,
# packing, transposes, merges, column kernels, optimizer, waits, ...), optionally restricted to a window and split by
# phase. The recording is kept when --out names a file.
#
# Usage: bench/profile/jfr_profile.sh [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"] [--out rec.jfr]
#                                     [--within METHOD] [--skip S] [--phase NAME=METHOD]... [--top N] -- CLI ARGS
# Examples:
#   bench/profile/jfr_profile.sh --within Trainer.fit --skip 2 -- bench --epochs 6
#   bench/profile/jfr_profile.sh --within DeepBsde.run --skip 4 --phase update=Updater.step \
#       --phase 'paths=DeepBsde$Paths.sample' --phase backward=Tape.backward --phase forward=DeepBsde.loss \
#       -- example deep-bsde --iterations 2500 --threads 2
# Needs: the CLI jar (./mlp4j builds it), the JDK's `jfr` tool beside its `java`, /usr/bin/python3 (standard library).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
opts=""
out=""
breakdown=()
while [ $# -gt 0 ]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --jvm-opts) opts="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --within|--skip|--phase|--top) breakdown+=("$1" "$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1 (the CLI's arguments go after --)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [options] -- CLI ARGS (e.g. -- bench --epochs 6)" >&2; exit 2; }
java="$(command -v "$java")" || { echo "no java: set JAVA_HOME or pass --java" >&2; exit 2; }
jfr="$(dirname "$(readlink -f "$java")")/jfr"
[ -x "$jfr" ] || { echo "no jfr tool beside $java" >&2; exit 2; }
jar="$root/cli/target/mlp4j.jar"
[ -f "$jar" ] || "$root/mlp4j" --version >/dev/null   # the launcher builds the jar
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
rec="${out:-$tmp/rec.jfr}"
# method samples only, every millisecond: the default profile samples every 10-20 ms and records much else
cat >"$tmp/samples.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="mlp4j method samples">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
</configuration>
EOF
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs), $("$java" -version 2>&1 | head -1)" >&2
# shellcheck disable=SC2086  # $opts is a list of JVM flags
"$java" --add-modules jdk.incubator.vector $opts \
    "-XX:StartFlightRecording=filename=$rec,settings=$tmp/samples.jfc" -XX:FlightRecorderOptions=stackdepth=256 \
    -Xlog:jfr+startup=off \
    -jar "$jar" "$@" 2> >(grep -v -e 'jdk.incubator.vector' -e '\[jfr,startup\]' >&2)
"$jfr" print --stack-depth 256 --events jdk.ExecutionSample "$rec" \
  | /usr/bin/python3 "$here/jfr_breakdown.py" "${breakdown[@]}"
