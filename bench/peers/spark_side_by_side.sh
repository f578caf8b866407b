#!/usr/bin/env bash
# mlp4j's Spark estimator against Spark MLlib's MultilayerPerceptronClassifier, in one Spark session on the same
# Fashion-MNIST DataFrame (bench/peers/SparkSideBySide.java); with --designs, mlp4j's three distributed designs.
#
# Usage: bench/peers/spark_side_by_side.sh [SparkSideBySide options: --master local[2] --partitions 2 --rows 20000
#        --epochs 10 --mlpc-iters 100 --seed 1 --scale max|standard --schedule constant|cosine|...
#        --designs --sync-epochs 2]
# Needs: Maven (the first run downloads Spark, ~400 MB, into ~/.m2), dataset-fashion-mnist; JAVA_HOME picks the JDK.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# compile the reactor up to mlp4j-spark (no install) and write its class path, Spark (provided scope) included
(cd "$root" && mvn -B -q -pl spark -am compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=provided >/dev/null)
cp="$root/spark/target/classes:$root/engine/target/classes:$root/formats/target/classes:$(cat "$work/cp")"
"$javac" -nowarn -d "$work/classes" -cp "$cp" "$root/bench/peers/SparkSideBySide.java" 2>/dev/null
# the options Spark's launcher adds on JDK 17+, and the Vector API module for mlp4j's kernels
opts="$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' "$root/spark/pom.xml")"
"$java" --add-modules jdk.incubator.vector $opts -Xmx6g -cp "$work/classes:$cp" SparkSideBySide "$@"
