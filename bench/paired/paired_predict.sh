#!/usr/bin/env bash
# Compares two builds of mlp4j in one JVM, in alternating rounds: batch-1 latency and batch-1000 inference of one
# network (see PairedPredict.java for why rounds and not invocations).
#
# Usage: bench/paired/paired_predict.sh OLD.jar NEW.jar [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"]
#          [--threads N] [--rounds R] [--layers 784,128,64,10] [--rows IDX] [--old-prop k=v] [--new-prop k=v]
# --rows: predict the first 1000 images of an IDX file (e.g. Fashion-MNIST's t10k-images-idx3-ubyte.gz, as
# `mlp4j bench` does when it is installed) instead of uniform noise, which has no exact zeros.
# The jars are CLI jars (cli/target/mlp4j.jar of two checkouts). Needs a JDK (javac) of 17 or later.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n 2,9p "$0"; exit 2; }
old="$(realpath "$1")"; new="$(realpath "$2")"; shift 2
java=java; opts=""; threads=2; rounds=20; layers=784,128,64,10; rows_prop=""
paired_option() {
  case "$1" in
    --layers) layers="$2" ;;
    --rows) rows_prop="-Dpaired.rows=$(realpath "$2")" ;;
    *) return 1 ;;
  esac
}
# shellcheck source=paired_lib.sh
source "$here/paired_lib.sh"
paired_parse "$@"
# after parsing, so that --jvm-opts given after --rows keeps the rows
opts="$opts $rows_prop"
paired_run PredictWorkload PairedPredict "$threads" "$rounds" "$layers"
