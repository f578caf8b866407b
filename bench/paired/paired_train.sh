#!/usr/bin/env bash
# Compares two builds of mlp4j in one JVM, in alternating one-epoch rounds: training time of one network on seeded
# random rows (see PairedTrain.java).
#
# Usage: bench/paired/paired_train.sh OLD.jar NEW.jar [--java /path/to/java] [--jvm-opts "-XX:UseAVX=2"]
#          [--threads N] [--rounds R] [--layers 784,128,64,10] [--rows 20000] [--batch 128]
#          [--old-prop k=v] [--new-prop k=v]
# The jars are CLI jars (cli/target/mlp4j.jar of two checkouts). Needs a JDK (javac) of 17 or later.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n 2,8p "$0"; exit 2; }
old="$(realpath "$1")"; new="$(realpath "$2")"; shift 2
java=java; opts=""; threads=2; rounds=15; layers=784,128,64,10; rows=20000; batch=128
paired_option() {
  case "$1" in
    --layers) layers="$2" ;;
    --rows) rows="$2" ;;
    --batch) batch="$2" ;;
    *) return 1 ;;
  esac
}
# shellcheck source=paired_lib.sh
source "$here/paired_lib.sh"
paired_parse "$@"
paired_run TrainWorkload PairedTrain "$threads" "$rounds" "$layers" "$rows" "$batch"
