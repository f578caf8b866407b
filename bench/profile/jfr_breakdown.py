#!/usr/bin/python3
"""Where an mlp4j run's time goes, from JFR method samples: the share of each thread's samples by kind of work.

Reads the text of `jfr print --stack-depth 256 --events jdk.ExecutionSample REC.jfr` on stdin (jfr_profile.sh runs
it). Each sample is put in one category by its stack, looked at from the top (the code that was running) down:
the first frame that names a category decides, so a transpose inside a packing is "transpose" and the packing's
own loop is "pack". Frames of the JDK (the Vector API's inlined helpers, range checks) are looked through.

Categories, in the order they are tried on each frame:
  wait          spinning or parked between or inside jobs (the worker pool, a group of subnets, a shared panel)
  transpose     Transpose (op(B) = Bt packed, the subnets' NT products)
  pack          copying GEMM operands into panels (GemmPacking, SharedPanels, InPlaceGemm's edge copies)
  merge         adding a finished register tile into C (MicroKernel.merge*)
  gemm kernel   the register-tile loops (MicroKernel, StridedTile, SmallGemm's blocks)
  columns       ColumnKernels: bias gradients' column sums, batch norm's statistics, normalising, their backward
  optimizer     the update rules (Updater, GradientTransform, the optimizers' kernels)
  normals       NormalKernel (the deep BSDE paths' Gaussian draws)
  element-wise  any other VectorKernels / ScalarKernels call
  graph         Tape and Broadcast bookkeeping (composite models)
  other mlp4j   the first mlp4j frame's Class.method, when nothing above matched
  jvm           no mlp4j frame at all (class loading, JIT-less start-up, GC helpers in Java)

Options:
  --within METHOD   keep only the samples taken between the first and the last main-thread sample whose stack
                    holds METHOD (e.g. Trainer.fit: the training epochs, not the data loading or the inference
                    benchmark after them)
  --skip S          drop the samples of the first S seconds after that window opens (JIT warm-up)
  --phase NAME=METHOD (repeatable, tried in order) put each main-thread sample in the first phase whose METHOD is on
                    its stack, and each other thread's sample in the phase of the main-thread sample nearest in time
                    (within 2 ms), then print a phase-by-category table of all threads together
  --top N           also list the N most sampled (category, first mlp4j frame) pairs of each thread
"""
import argparse
import bisect
import collections
import re
import sys

# frames whose own code is a wait loop: they count as waiting when they are the running (topmost) frame
WAIT = ("WorkerPool$Worker.run", "WorkerPool.finishJob", "GroupRun.pause", "GroupRun.awaitOutput", "GroupRun.run",
        "SharedPanels.packed", "LockSupport.park", "LockSupport.parkNanos", "Unsafe.park", "Thread.onSpinWait")
RULES = (  # (category, prefixes of Class.method); the first prefix that matches a frame wins
    ("transpose", ("Transpose.",)),
    ("pack", ("GemmPacking.", "SharedPanels.pack", "InPlaceGemm.pack", "VectorGemm.packA", "VectorGemm.packB")),
    ("merge", ("MicroKernel.merge",)),
    ("gemm kernel", ("MicroKernel.", "StridedTile.", "SmallGemm.block")),
    ("columns", ("ColumnKernels.",)),
    ("optimizer", ("Updater.", "GradientTransform.update", "VectorKernels.adam", "VectorKernels.sgd",
                   "VectorKernels.momentum", "VectorKernels.rmsprop", "VectorKernels.adagrad", "Adam.", "Sgd.")),
    ("normals", ("NormalKernel.", "NormalBatch.")),
    ("element-wise", ("VectorKernels.", "ScalarKernels.", "VectorMath.")),
    ("graph", ("Tape.", "Broadcast.")),
)
ORDER = ["wait"] + [c for c, _ in RULES] + ["other mlp4j", "jvm"]

FRAME = re.compile(r"^\s+([\w.$]+)\.([\w$<>]+)\(.*?\)(?: line: (\d+))?", re.M)
TIME = re.compile(r"startTime = (\d+):(\d+):(\d+(?:\.\d+)?)")
THREAD = re.compile(r'sampledThread = "([^"]*)"')


def samples(text):
    """(seconds, thread, [(package.Class, method)] top first) per sample; times unwrapped past midnight."""
    last = None
    offset = 0.0
    for block in text.split("jdk.ExecutionSample {")[1:]:
        t = TIME.search(block)
        th = THREAD.search(block)
        if not t or not th:
            continue
        s = int(t.group(1)) * 3600 + int(t.group(2)) * 60 + float(t.group(3)) + offset
        if last is not None and s < last - 43200:  # the clock passed midnight
            offset += 86400
            s += 86400
        last = s
        frames = [(m.group(1), m.group(2)) for m in FRAME.finditer(block)]
        yield s, th.group(1), frames


def short(frame):
    cls, method = frame
    return cls.rsplit(".", 1)[-1] + "." + method


def categorize(frames):
    """(category, the first mlp4j frame as Class.method or None)."""
    first = None
    for cls, method in frames:
        if not cls.startswith("org.mlp4j."):
            if first is None and short((cls, method)) in WAIT:
                return "wait", short((cls, method))
            continue
        name = short((cls, method))
        if first is None:
            first = name
            if name in WAIT:
                return "wait", name
        for category, prefixes in RULES:
            if name.startswith(prefixes):
                return category, first
    return ("other mlp4j", first) if first else ("jvm", None)


def table(title, counts, total):
    print(title)
    for c in ORDER:
        if counts.get(c):
            print(f"  {c:<13} {100.0 * counts[c] / total:5.1f} %  ({counts[c]})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--within")
    ap.add_argument("--skip", type=float, default=0.0)
    ap.add_argument("--phase", action="append", default=[])
    ap.add_argument("--top", type=int, default=0)
    args = ap.parse_args()
    phases = []
    for p in args.phase:
        name, sep, method = p.partition("=")
        if not sep or not name or not method:
            sys.exit(f"--phase wants NAME=METHOD, got {p!r}")
        phases.append((name, method))

    all_samples = list(samples(sys.stdin.read()))
    if not all_samples:
        sys.exit("no jdk.ExecutionSample events in the input")
    lo, hi = min(s for s, _, _ in all_samples), max(s for s, _, _ in all_samples)
    if args.within:
        marked = [s for s, th, fr in all_samples if th == "main" and any(args.within in short(f) for f in fr)]
        if not marked:
            sys.exit(f"no main-thread sample has {args.within} on its stack")
        lo, hi = min(marked), max(marked)
    lo += args.skip
    kept = [x for x in all_samples if lo <= x[0] <= hi]
    print(f"{len(kept)} samples over {hi - lo:.1f} s" + (f" (within {args.within}" if args.within else " (")
          + (f", after the first {args.skip:g} s)" if args.skip else ")"))

    by_thread = collections.defaultdict(collections.Counter)
    tops = collections.defaultdict(collections.Counter)
    cats = []
    for s, th, fr in kept:
        c, first = categorize(fr)
        cats.append(c)
        by_thread[th][c] += 1
        tops[th][(c, first or "-")] += 1
    threads = sorted(by_thread, key=lambda t: -sum(by_thread[t].values()))
    for th in threads:
        n = sum(by_thread[th].values())
        if n < 0.02 * len(kept):
            continue
        table(f"thread {th}: {n} samples", by_thread[th], n)
        for (c, f), v in tops[th].most_common(args.top):
            print(f"    {100.0 * v / n:5.1f} %  {c:<13} {f}")

    if phases:
        def phase_of(frames):
            names = [short(f) for f in frames]
            return next((name for name, m in phases if any(m in x for x in names)), "outside")

        main_times, main_phase = [], []
        for s, th, fr in kept:
            if th == "main":
                main_times.append(s)
                main_phase.append(phase_of(fr))
        grid = collections.defaultdict(collections.Counter)
        for (s, th, fr), c in zip(kept, cats):
            if th == "main":
                phase = phase_of(fr)
            else:
                i = bisect.bisect_left(main_times, s)
                near = [j for j in (i - 1, i) if 0 <= j < len(main_times) and abs(main_times[j] - s) <= 0.002]
                phase = main_phase[min(near, key=lambda j: abs(main_times[j] - s))] if near else "outside"
            grid[phase][c] += 1
        used = [c for c in ORDER if any(grid[p][c] for p in grid)]
        total = len(kept)
        print("by phase, all threads (% of all samples):")
        print("  " + f"{'phase':<10}" + "".join(f"{c[:11]:>12}" for c in used) + f"{'all':>8}")
        for name in [n for n, _ in phases] + ["outside"]:
            row = grid.get(name)
            if not row:
                continue
            print("  " + f"{name:<10}" + "".join(f"{100.0 * row[c] / total:12.1f}" for c in used)
                  + f"{100.0 * sum(row.values()) / total:8.1f}")


if __name__ == "__main__":
    main()
