#!/usr/bin/python3
"""NumPy/OpenBLAS side of the GEMM comparison: one JSON line per shape and thread count.

Usage: /usr/bin/python3 gemm_numpy.py THREADS m,n,k,TRANS [...]
THREADS is fixed per process (OpenBLAS reads OPENBLAS_NUM_THREADS at load time), so the runner calls this once
per thread count. Same protocol as mlp4j's GemmBenchmark: float32, dense, C = op(A)·op(B), ~1 s warm-up,
then the median of 11 samples of >= 20 ms each.
"""
import json
import os
import sys
import time

threads = sys.argv[1]
os.environ["OPENBLAS_NUM_THREADS"] = threads
os.environ["OMP_NUM_THREADS"] = threads
import numpy as np  # noqa: E402  (after the thread count is set)


def bench(m, n, k, trans):
    rng = np.random.default_rng(1)
    # store A as k×m when transposed, so op(A) = A.T is a view: no copy, BLAS sees the transpose flag
    a = rng.uniform(-1, 1, (k, m) if trans[0] == "T" else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if trans[1] == "T" else (k, n)).astype(np.float32)
    opa = a.T if trans[0] == "T" else a
    opb = b.T if trans[1] == "T" else b
    c = np.empty((m, n), dtype=np.float32)
    reps, start = 0, time.perf_counter()
    while time.perf_counter() - start < 1.0:
        np.matmul(opa, opb, out=c)
        reps += 1
    per_call = (time.perf_counter() - start) / reps
    reps = max(1, int(0.02 / per_call + 0.999))
    samples = []
    for _ in range(11):
        t0 = time.perf_counter()
        for _ in range(reps):
            np.matmul(opa, opb, out=c)
        samples.append((time.perf_counter() - t0) / reps)
    samples.sort()
    return 2.0 * m * n * k / samples[5] / 1e9


for shape in sys.argv[2:]:
    m, n, k, trans = shape.split(",")
    g = bench(int(m), int(n), int(k), trans)
    print(json.dumps({"m": int(m), "n": int(n), "k": int(k), "trans": trans, "threads": int(threads),
                      "gflops": round(g, 2)}), flush=True)
