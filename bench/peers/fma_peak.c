/*
 * The FMA peak as C reaches it: the reference `mlp4j bench --peak` is checked against.
 *
 * Loop structure: CHAINS independent accumulator chains, each acc = acc*x + y, in one vector width (128, 256 or
 * 512 bits, or 32 for scalar), register-resident, no memory traffic. 12 chains cover an FMA latency of 4-6 cycles on
 * two pipes (Zen 3/4/5, Skylake..Sapphire Rapids). The chain loop is fully unrolled (GCC unroll pragma) so that the
 * accumulators live in registers at -O2: without it gcc -O2 keeps the array in memory and measures the store
 * forwarding latency instead (about 5x below the peak).
 * One figure per thread count: the best of 5 samples of ~0.1 s (a neighbour or an interrupt only ever slows a sample
 * down, and a peak is a bound), all threads started together (pthreads), a sample timed from the first thread's start
 * to the last one's end as each thread reads the clock - as `mlp4j bench --peak` measures.
 *
 * Build and run (also done by bench/peers/peak_side_by_side.sh):
 *   gcc -O2 -march=native -pthread -o /tmp/fma_peak bench/peers/fma_peak.c
 *   /tmp/fma_peak 256 1      # bits, threads   -> "gflops 123.4"
 */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHAINS 12
#define SAMPLES 5

static int bits = 256;
static long iterations = 1L << 22;
static volatile float sink;
static pthread_barrier_t start_barrier, end_barrier;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#define RUN_CHAINS(T, SET1, FMA, ADD, TOF)                                   \
    do {                                                                     \
        T x = SET1(0.999999f), y = SET1(1e-6f), c[CHAINS];                   \
        _Pragma("GCC unroll 12")                                             \
        for (int j = 0; j < CHAINS; j++) c[j] = SET1(0.1f * (j + 1));        \
        for (long i = 0; i < n; i++) {                                       \
            _Pragma("GCC unroll 12")                                         \
            for (int j = 0; j < CHAINS; j++) c[j] = FMA(c[j], x, y);         \
        }                                                                    \
        T s = c[0];                                                          \
        _Pragma("GCC unroll 12")                                             \
        for (int j = 1; j < CHAINS; j++) s = ADD(s, c[j]);                   \
        return TOF(s);                                                       \
    } while (0)

static float loop512(long n) {
#ifdef __AVX512F__
    RUN_CHAINS(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_reduce_add_ps);
#else
    (void) n; fprintf(stderr, "fma_peak: built without AVX-512 (-march=native on a machine without it)\n"); exit(2);
#endif
}

static float first256(__m256 v) { return _mm_cvtss_f32(_mm256_castps256_ps128(v)); }
static float first128(__m128 v) { return _mm_cvtss_f32(v); }
static float scalar_fma(float a, float b, float c) { return __builtin_fmaf(a, b, c); }
static float scalar_add(float a, float b) { return a + b; }
static float scalar_set1(float a) { return a; }
static float scalar_id(float a) { return a; }

static float loop256(long n) { RUN_CHAINS(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, first256); }
static float loop128(long n) { RUN_CHAINS(__m128, _mm_set1_ps, _mm_fmadd_ps, _mm_add_ps, first128); }
static float loop32(long n) { RUN_CHAINS(float, scalar_set1, scalar_fma, scalar_add, scalar_id); }

static float run(long n) {
    switch (bits) {
        case 512: return loop512(n);
        case 256: return loop256(n);
        case 128: return loop128(n);
        default: return loop32(n);
    }
}

/* each worker reads the clock itself: a sample runs from the first start to the last end */
static double *starts, *ends;

static void *worker(void *arg) {
    int me = (int) (long) arg;
    for (int s = 0; s < SAMPLES; s++) {
        pthread_barrier_wait(&start_barrier);
        starts[me] = now();
        sink = run(iterations);
        ends[me] = now();
        pthread_barrier_wait(&end_barrier);
    }
    return NULL;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: fma_peak BITS(32|128|256|512) THREADS\n");
        return 2;
    }
    bits = atoi(argv[1]);
    int threads = atoi(argv[2]);
    if ((bits != 32 && bits != 128 && bits != 256 && bits != 512) || threads < 1) {
        fprintf(stderr, "fma_peak: BITS must be 32, 128, 256 or 512 and THREADS >= 1\n");
        return 2;
    }
    int lanes = bits / 32;
    /* calibrate: one sample of about 0.1 s on one thread (after a warm-up that lets the clocks settle) */
    run(1L << 20);
    for (;;) {
        double t0 = now();
        sink = run(iterations);
        double s = now() - t0;
        if (s > 0.025) {
            iterations = (long) (iterations * 0.1 / s);
            break;
        }
        iterations *= 4;
    }
    pthread_barrier_init(&start_barrier, NULL, threads + 1);
    pthread_barrier_init(&end_barrier, NULL, threads + 1);
    pthread_t *tid = calloc(threads, sizeof *tid);
    starts = calloc(threads, sizeof *starts);
    ends = calloc(threads, sizeof *ends);
    for (int t = 0; t < threads; t++) pthread_create(&tid[t], NULL, worker, (void *) (long) t);
    double gflops[SAMPLES];
    for (int s = 0; s < SAMPLES; s++) {
        pthread_barrier_wait(&start_barrier);
        pthread_barrier_wait(&end_barrier);
        double first = starts[0], last = ends[0];
        for (int t = 1; t < threads; t++) {
            if (starts[t] < first) first = starts[t];
            if (ends[t] > last) last = ends[t];
        }
        gflops[s] = 2.0 * CHAINS * lanes * (double) iterations * threads / (last - first) * 1e-9;
    }
    for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
    qsort(gflops, SAMPLES, sizeof gflops[0], cmp);
    printf("gflops %.2f bits %d threads %d chains %d\n", gflops[SAMPLES - 1], bits, threads, CHAINS);
    return 0;
}
