# shellcheck shell=bash
# Sourced by the paired_*.sh scripts.
#
# paired_parse ARGS…: reads the options every script shares (--java, --jvm-opts, --threads, --rounds) into $java,
# $opts, $threads and $rounds, and --old-prop/--new-prop KEY=VALUE (a system property for one side only, set while
# that side's engine starts and while its rounds run: the same jar twice compares two settings, e.g.
# mlp4j.gemm.mr=4 against 6, or mlp4j.train.parallel=data against gemm);
# any other option goes to the script's own paired_option function, called with the option and its value, which sets
# its variable or returns 1 for an unknown option.
#
# paired_run WORKLOAD HARNESS ARGS…: compiles WORKLOAD.java against the new jar and the harness, then runs HARNESS
# with the workload's classes, both jars and ARGS. Reads $java, $opts, $old, $new and $here from the script.
paired_props=()
paired_parse() {
  while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; }
    case "$1" in
      --java) java="$2" ;;
      --jvm-opts) opts="$2" ;;
      --threads) threads="$2" ;;
      --rounds) rounds="$2" ;;
      --old-prop) paired_props+=("-Dpaired.old.prop=$2") ;;
      --new-prop) paired_props+=("-Dpaired.new.prop=$2") ;;
      *) paired_option "$1" "$2" || { echo "unknown option: $1" >&2; exit 2; } ;;
    esac
    shift 2
  done
}

paired_run() {
  local workload="$1" harness="$2" jar javac
  shift 2
  for jar in "$old" "$new"; do [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }; done
  javac="$(dirname "$(realpath "$(command -v "$java")")")/javac"
  paired_out="$(mktemp -d)"; trap 'rm -rf "$paired_out"' EXIT
  mkdir -p "$paired_out/workload"
  # javac warns that jdk.incubator.vector is incubating: keep its output out of sight unless it fails
  if ! "$javac" -nowarn --add-modules jdk.incubator.vector -cp "$new" -d "$paired_out/workload" \
      "$here/$workload.java" > "$paired_out/javac.log" 2>&1; then
    cat "$paired_out/javac.log" >&2; exit 1
  fi
  "$javac" -d "$paired_out" "$here/Paired.java" "$here/$harness.java"
  # shellcheck disable=SC2086  # $opts is a list of JVM flags
  "$java" --add-modules jdk.incubator.vector $opts "${paired_props[@]}" -cp "$paired_out" "$harness" "$paired_out/workload" "$old" "$new" \
    "$@" 2> >(grep -v 'incubator modules' >&2)
}
