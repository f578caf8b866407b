#!/usr/bin/env bash
# Compares two builds of mlp4j in one JVM, in alternating rounds: GFLOP/s of GEMMs through Kernels.gemm (see
# PairedGemm.java).
#
# Usage: bench/paired/paired_gemm.sh OLD.jar NEW.jar [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"]
#          [--threads N] [--rounds R] [--shapes "1000,128,784,NN;784,128,128,TN"] [--b-copies C]
#          [--old-prop k=v] [--new-prop k=v]
# --b-copies C: each call reads the next of C copies of B (default 1: the same B, in cache after the first call).
# With enough copies to pass L2 (the 64 × 110 × 100 of the deep BSDE subnets: 64 copies, 2.8 MB) B comes from farther
# out, as a weight matrix does in training, where each is read once a step among many others.
# The jars are CLI jars (cli/target/mlp4j.jar of two checkouts). Needs a JDK (javac) of 17 or later.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n 2,11p "$0"; exit 2; }
old="$(realpath "$1")"; new="$(realpath "$2")"; shift 2
java=java; opts=""; threads=1; rounds=15; shapes="1000,128,784,NN;784,128,128,TN;128,128,64,NT"; copies=1
paired_option() {
  case "$1" in
    --shapes) shapes="$2" ;;
    --b-copies) copies="$2" ;;
    *) return 1 ;;
  esac
}
# shellcheck source=paired_lib.sh
source "$here/paired_lib.sh"
paired_parse "$@"
paired_run GemmWorkload PairedGemm "$threads" "$rounds" "$shapes" "$copies"
