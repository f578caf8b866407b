#!/usr/bin/env bash
# Compares two builds of mlp4j in one JVM, in alternating rounds of the deep BSDE example (seed 1, a fresh model each
# round; see PairedDeepBsde.java).
#
# Usage: bench/paired/paired_deep_bsde.sh OLD.jar NEW.jar [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"]
#          [--threads N] [--rounds R] [--iterations I] [--old-prop k=v] [--new-prop k=v]
# The jars are CLI jars (cli/target/mlp4j.jar of two checkouts). Needs a JDK (javac) of 17 or later.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n 2,7p "$0"; exit 2; }
old="$(realpath "$1")"; new="$(realpath "$2")"; shift 2
java=java; opts=""; threads=2; rounds=11; iterations=300
paired_option() {
  case "$1" in
    --iterations) iterations="$2" ;;
    *) return 1 ;;
  esac
}
# shellcheck source=paired_lib.sh
source "$here/paired_lib.sh"
paired_parse "$@"
paired_run DeepBsdeWorkload PairedDeepBsde "$threads" "$rounds" "$iterations"
