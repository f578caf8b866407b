# Sourced by the side-by-side scripts: makes sure Debian's OpenBLAS (under NumPy and PyTorch) runs the best kernels
# this CPU has. OpenBLAS 0.3.21 does not know every newer CPU model: on an Intel Xeon of family 6 model 207 it picks
# its generic "Prescott" (SSE3) kernels, and NumPy's SGEMM runs at 20 GFLOP/s instead of ~110 (SkylakeX kernels), which
# would flatter every ratio against it. When OpenBLAS reports a core older than the CPU's vector ISA and the caller
# did not set OPENBLAS_CORETYPE, this sets it to SkylakeX (AVX-512) or Haswell (AVX2) and says so on stderr. A given
# OPENBLAS_CORETYPE is kept; on a Zen 5 whose environment set it to Haswell, OpenBLAS's own pick (Cooperlake, AVX-512)
# measured 1.6-1.8x faster, so the message says how to run without it.
# Debian's python3-torch and python3-numpy install with the reference BLAS alone (libblas3) when no OpenBLAS package
# is there: PyTorch's GEMMs then run netlib's plain loops (a big-net epoch ran for minutes instead of 4 s on a Zen 4),
# and every ratio would flatter mlp4j. So the scripts refuse to compare against it and name the package that fixes it.
# The check imports the peers and reads the libraries they mapped (any architecture, any install layout): a libblas
# that is not OpenBLAS's is the reference one.
openblas_required() {
  local blas
  blas="$(/usr/bin/python3 - <<'PY' 2>/dev/null || true
import importlib, os
for name in ("numpy", "torch"):
    try:
        importlib.import_module(name)
    except ImportError:
        pass
with open("/proc/self/maps") as maps:
    paths = {line.split()[-1] for line in maps if "/" in line}
print(" ".join(sorted(p for p in paths if os.path.basename(p).startswith("libblas") and "openblas" not in p)))
PY
)"
  if [ -n "$blas" ]; then
    echo "error: the peers load '$blas', not OpenBLAS: install it with 'apt-get install libopenblas0-pthread'" \
         "(Debian's NumPy and PyTorch then use it through libblas.so.3)" >&2
    exit 2
  fi
}
openblas_best_core() {
  if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
    echo "OpenBLAS core: $OPENBLAS_CORETYPE (OPENBLAS_CORETYPE, as given; some machines set it for older OpenBLAS" \
         "builds: to compare against OpenBLAS's own pick, run this with env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)" >&2
    return
  fi
  local core flags want=""
  core="$(OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import numpy' 2>&1 | sed -n 's/^Core: //p' | head -1)"
  flags="$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)"
  case " $flags " in
    *" avx512f "*) want=SkylakeX ;;
    *" avx2 "*) want=Haswell ;;
  esac
  case "$core" in
    Prescott|Core2|Penryn|Dunnington|Nehalem|Sandybridge|Atom|"")
      if [ -n "$want" ] && [ -n "$core" ]; then
        export OPENBLAS_CORETYPE="$want"
        echo "OpenBLAS core: $want (OpenBLAS picked '$core' for this CPU; OPENBLAS_CORETYPE set so the peer runs its best kernels)" >&2
        return
      fi ;;
  esac
  echo "OpenBLAS core: ${core:-unknown} (its own pick)" >&2
}
openblas_required
openblas_best_core
