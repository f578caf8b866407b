package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Transposes of row-major float blocks in registers: {@code L×L} at a time, {@code L} the lanes of the one species.
 *
 * <p>Loop structure of a block: load its {@code L} rows as vectors; then {@code log₂ L} stages, the stage of width
 * {@code h} (h = L/2, …, 2, 1) pairing rows {@code i} and {@code i + h} (for i with bit h clear) and swapping row i's
 * lanes {@code [h, 2h)} of each {@code 2h} group with row i + h's lanes {@code [0, h)} (one lane permutation and one
 * blend per new row); store the rows as the block's columns. That is {@code 2·L·log₂ L} shuffles for {@code L²}
 * floats — half a shuffle per float at 16 lanes, against a load and a store per float for the scalar copy, whose
 * stores also hit a different cache line each.
 *
 * <p>Measured (Zen 4, one thread; 110 × 110 and 100 × 110 in L1, 1024 × 256 in L2), ns per float, the scalar loop
 * this replaced against the blocks: JDK 17 0.84–0.89 against 0.28–0.33 (0.86 against 0.33–0.47 at 1024 × 256),
 * Temurin 25 0.43–0.52 against 0.26–0.42 (0.56–0.59 against 0.40–0.52), at 256 and 512 bits. Written out
 * per lane count on purpose: with the stage as a small helper method returning a vector, C2 did not keep the block's
 * vectors in registers (1.7–2.5 ns per float), nor with shuffles built by {@code VectorShuffle.fromOp}.
 * Where both sides are at least {@code L}, the edges are whole blocks too, shifted back to end at the last row
 * or column and overlapping the blocks before them (NT 64 × 100 × 110 and 64 × 110 × 110 GEMMs, which transpose
 * Wᵀ, 1.10–1.13× on an Intel Xeon with AVX-512, Temurin 25); a side shorter than a block goes float by float. A
 * 4 × 4 block (128-bit species) measured 0.39–0.61 ns per float in L1 but 1.04–1.26 at 1024 × 256, against
 * 0.47–0.93 for the scalar loop, so 4 lanes, like 2, copy float by float, eight source rows at a time.
 */
final class Transpose {
    /** Whether this species has a block transpose. */
    static final boolean BLOCKS = L == 8 || L == 16;

    // stage st works on blocks of h = L >> (st + 1) lanes
    private static final VectorShuffle<Float> DOWN0 = down(0), DOWN1 = down(1), DOWN2 = down(2), DOWN3 = down(3);
    private static final VectorShuffle<Float> UP0 = up(0), UP1 = up(1), UP2 = up(2), UP3 = up(3);
    private static final VectorMask<Float> HIGH0 = high(0), HIGH1 = high(1), HIGH2 = high(2), HIGH3 = high(3);

    private Transpose() {
    }

    /**
     * {@code t[tOff + p·ldt + j] = b[bOff + j·ldb + p]} for {@code j < n}, {@code p < k}: the {@code k × n}
     * transpose of a row-major {@code n × k} matrix.
     */
    static void matrix(float[] b, int bOff, int ldb, int n, int k, float[] t, int tOff, int ldt) {
        if (BLOCKS && n >= L && k >= L) {
            // whole blocks only: the last block of a row or column of blocks is shifted back to end at n or k,
            // overlapping the one before, whose shared elements it copies again (a copy: the same values) — the
            // float-by-float edges below cost about as much as the blocks (14 of a subnet's 110 rows and columns)
            for (int j = 0; j < n; j += L) {
                int jj = Math.min(j, n - L);
                for (int p = 0; p < k; p += L) {
                    int pp = Math.min(p, k - L);
                    block(b, bOff + jj * ldb + pp, ldb, t, tOff + pp * ldt + jj, ldt);
                }
            }
            return;
        }
        int j = 0;
        if (BLOCKS) {
            for (; j + L <= n; j += L) {
                int p = 0;
                for (; p + L <= k; p += L) {
                    block(b, bOff + j * ldb + p, ldb, t, tOff + p * ldt + j, ldt);
                }
                for (int jj = j; jj < j + L; jj++) {
                    for (int r = bOff + jj * ldb, q = p; q < k; q++) {
                        t[tOff + q * ldt + jj] = b[r + q];
                    }
                }
            }
        }
        // eight source rows at a time: each destination row gets 32 bytes per pass, half a cache line (four rows,
        // 16 bytes, measured 0.45–0.75 ns per float at 110 × 110 against 0.34–0.48 for eight)
        for (; j + 8 <= n; j += 8) {
            int r = bOff + j * ldb;
            for (int p = 0; p < k; p++, r++) {
                int d = tOff + p * ldt + j;
                t[d] = b[r];
                t[d + 1] = b[r + ldb];
                t[d + 2] = b[r + 2 * ldb];
                t[d + 3] = b[r + 3 * ldb];
                t[d + 4] = b[r + 4 * ldb];
                t[d + 5] = b[r + 5 * ldb];
                t[d + 6] = b[r + 6 * ldb];
                t[d + 7] = b[r + 7 * ldb];
            }
        }
        for (; j < n; j++) {
            int r = bOff + j * ldb;
            for (int p = 0; p < k; p++) {
                t[tOff + p * ldt + j] = b[r + p];
            }
        }
    }

    /**
     * The transpose of one {@code L×L} block ({@link #BLOCKS} only): {@code d[dOff + q·ldd + r] = s[o + r·lds + q]}
     * for {@code r, q < L}.
     */
    static void block(float[] s, int o, int lds, float[] d, int dOff, int ldd) {
        if (L == 16) {
            block16(s, o, lds, d, dOff, ldd);
        } else {
            block8(s, o, lds, d, dOff, ldd);
        }
    }

    /** The 8×8 block: 3 stages. */
    private static void block8(float[] s, int o, int lds, float[] d, int dOff, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, s, o + 0 * lds), r1 = FloatVector.fromArray(S, s, o + 1 * lds);
        FloatVector r2 = FloatVector.fromArray(S, s, o + 2 * lds), r3 = FloatVector.fromArray(S, s, o + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(S, s, o + 4 * lds), r5 = FloatVector.fromArray(S, s, o + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(S, s, o + 6 * lds), r7 = FloatVector.fromArray(S, s, o + 7 * lds);
        // blocks of 4: rows i and i + 4 swap their off-diagonal 4-lane blocks
        FloatVector a0 = r0.blend(r4.rearrange(DOWN0), HIGH0), a4 = r0.rearrange(UP0).blend(r4, HIGH0);
        FloatVector a1 = r1.blend(r5.rearrange(DOWN0), HIGH0), a5 = r1.rearrange(UP0).blend(r5, HIGH0);
        FloatVector a2 = r2.blend(r6.rearrange(DOWN0), HIGH0), a6 = r2.rearrange(UP0).blend(r6, HIGH0);
        FloatVector a3 = r3.blend(r7.rearrange(DOWN0), HIGH0), a7 = r3.rearrange(UP0).blend(r7, HIGH0);
        // blocks of 2: rows i and i + 2 swap their off-diagonal 2-lane blocks
        FloatVector b0 = a0.blend(a2.rearrange(DOWN1), HIGH1), b2 = a0.rearrange(UP1).blend(a2, HIGH1);
        FloatVector b1 = a1.blend(a3.rearrange(DOWN1), HIGH1), b3 = a1.rearrange(UP1).blend(a3, HIGH1);
        FloatVector b4 = a4.blend(a6.rearrange(DOWN1), HIGH1), b6 = a4.rearrange(UP1).blend(a6, HIGH1);
        FloatVector b5 = a5.blend(a7.rearrange(DOWN1), HIGH1), b7 = a5.rearrange(UP1).blend(a7, HIGH1);
        // blocks of 1: rows i and i + 1 swap their off-diagonal 1-lane blocks
        FloatVector c0 = b0.blend(b1.rearrange(DOWN2), HIGH2), c1 = b0.rearrange(UP2).blend(b1, HIGH2);
        FloatVector c2 = b2.blend(b3.rearrange(DOWN2), HIGH2), c3 = b2.rearrange(UP2).blend(b3, HIGH2);
        FloatVector c4 = b4.blend(b5.rearrange(DOWN2), HIGH2), c5 = b4.rearrange(UP2).blend(b5, HIGH2);
        FloatVector c6 = b6.blend(b7.rearrange(DOWN2), HIGH2), c7 = b6.rearrange(UP2).blend(b7, HIGH2);
        c0.intoArray(d, dOff + 0 * ldd);
        c1.intoArray(d, dOff + 1 * ldd);
        c2.intoArray(d, dOff + 2 * ldd);
        c3.intoArray(d, dOff + 3 * ldd);
        c4.intoArray(d, dOff + 4 * ldd);
        c5.intoArray(d, dOff + 5 * ldd);
        c6.intoArray(d, dOff + 6 * ldd);
        c7.intoArray(d, dOff + 7 * ldd);
    }

    /** The 16×16 block: 4 stages. */
    private static void block16(float[] s, int o, int lds, float[] d, int dOff, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, s, o + 0 * lds), r1 = FloatVector.fromArray(S, s, o + 1 * lds);
        FloatVector r2 = FloatVector.fromArray(S, s, o + 2 * lds), r3 = FloatVector.fromArray(S, s, o + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(S, s, o + 4 * lds), r5 = FloatVector.fromArray(S, s, o + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(S, s, o + 6 * lds), r7 = FloatVector.fromArray(S, s, o + 7 * lds);
        FloatVector r8 = FloatVector.fromArray(S, s, o + 8 * lds), r9 = FloatVector.fromArray(S, s, o + 9 * lds);
        FloatVector r10 = FloatVector.fromArray(S, s, o + 10 * lds), r11 = FloatVector.fromArray(S, s, o + 11 * lds);
        FloatVector r12 = FloatVector.fromArray(S, s, o + 12 * lds), r13 = FloatVector.fromArray(S, s, o + 13 * lds);
        FloatVector r14 = FloatVector.fromArray(S, s, o + 14 * lds), r15 = FloatVector.fromArray(S, s, o + 15 * lds);
        // blocks of 8: rows i and i + 8 swap their off-diagonal 8-lane blocks
        FloatVector a0 = r0.blend(r8.rearrange(DOWN0), HIGH0), a8 = r0.rearrange(UP0).blend(r8, HIGH0);
        FloatVector a1 = r1.blend(r9.rearrange(DOWN0), HIGH0), a9 = r1.rearrange(UP0).blend(r9, HIGH0);
        FloatVector a2 = r2.blend(r10.rearrange(DOWN0), HIGH0), a10 = r2.rearrange(UP0).blend(r10, HIGH0);
        FloatVector a3 = r3.blend(r11.rearrange(DOWN0), HIGH0), a11 = r3.rearrange(UP0).blend(r11, HIGH0);
        FloatVector a4 = r4.blend(r12.rearrange(DOWN0), HIGH0), a12 = r4.rearrange(UP0).blend(r12, HIGH0);
        FloatVector a5 = r5.blend(r13.rearrange(DOWN0), HIGH0), a13 = r5.rearrange(UP0).blend(r13, HIGH0);
        FloatVector a6 = r6.blend(r14.rearrange(DOWN0), HIGH0), a14 = r6.rearrange(UP0).blend(r14, HIGH0);
        FloatVector a7 = r7.blend(r15.rearrange(DOWN0), HIGH0), a15 = r7.rearrange(UP0).blend(r15, HIGH0);
        // blocks of 4: rows i and i + 4 swap their off-diagonal 4-lane blocks
        FloatVector b0 = a0.blend(a4.rearrange(DOWN1), HIGH1), b4 = a0.rearrange(UP1).blend(a4, HIGH1);
        FloatVector b1 = a1.blend(a5.rearrange(DOWN1), HIGH1), b5 = a1.rearrange(UP1).blend(a5, HIGH1);
        FloatVector b2 = a2.blend(a6.rearrange(DOWN1), HIGH1), b6 = a2.rearrange(UP1).blend(a6, HIGH1);
        FloatVector b3 = a3.blend(a7.rearrange(DOWN1), HIGH1), b7 = a3.rearrange(UP1).blend(a7, HIGH1);
        FloatVector b8 = a8.blend(a12.rearrange(DOWN1), HIGH1), b12 = a8.rearrange(UP1).blend(a12, HIGH1);
        FloatVector b9 = a9.blend(a13.rearrange(DOWN1), HIGH1), b13 = a9.rearrange(UP1).blend(a13, HIGH1);
        FloatVector b10 = a10.blend(a14.rearrange(DOWN1), HIGH1), b14 = a10.rearrange(UP1).blend(a14, HIGH1);
        FloatVector b11 = a11.blend(a15.rearrange(DOWN1), HIGH1), b15 = a11.rearrange(UP1).blend(a15, HIGH1);
        // blocks of 2: rows i and i + 2 swap their off-diagonal 2-lane blocks
        FloatVector c0 = b0.blend(b2.rearrange(DOWN2), HIGH2), c2 = b0.rearrange(UP2).blend(b2, HIGH2);
        FloatVector c1 = b1.blend(b3.rearrange(DOWN2), HIGH2), c3 = b1.rearrange(UP2).blend(b3, HIGH2);
        FloatVector c4 = b4.blend(b6.rearrange(DOWN2), HIGH2), c6 = b4.rearrange(UP2).blend(b6, HIGH2);
        FloatVector c5 = b5.blend(b7.rearrange(DOWN2), HIGH2), c7 = b5.rearrange(UP2).blend(b7, HIGH2);
        FloatVector c8 = b8.blend(b10.rearrange(DOWN2), HIGH2), c10 = b8.rearrange(UP2).blend(b10, HIGH2);
        FloatVector c9 = b9.blend(b11.rearrange(DOWN2), HIGH2), c11 = b9.rearrange(UP2).blend(b11, HIGH2);
        FloatVector c12 = b12.blend(b14.rearrange(DOWN2), HIGH2), c14 = b12.rearrange(UP2).blend(b14, HIGH2);
        FloatVector c13 = b13.blend(b15.rearrange(DOWN2), HIGH2), c15 = b13.rearrange(UP2).blend(b15, HIGH2);
        // blocks of 1: rows i and i + 1 swap their off-diagonal 1-lane blocks
        FloatVector d0 = c0.blend(c1.rearrange(DOWN3), HIGH3), d1 = c0.rearrange(UP3).blend(c1, HIGH3);
        FloatVector d2 = c2.blend(c3.rearrange(DOWN3), HIGH3), d3 = c2.rearrange(UP3).blend(c3, HIGH3);
        FloatVector d4 = c4.blend(c5.rearrange(DOWN3), HIGH3), d5 = c4.rearrange(UP3).blend(c5, HIGH3);
        FloatVector d6 = c6.blend(c7.rearrange(DOWN3), HIGH3), d7 = c6.rearrange(UP3).blend(c7, HIGH3);
        FloatVector d8 = c8.blend(c9.rearrange(DOWN3), HIGH3), d9 = c8.rearrange(UP3).blend(c9, HIGH3);
        FloatVector d10 = c10.blend(c11.rearrange(DOWN3), HIGH3), d11 = c10.rearrange(UP3).blend(c11, HIGH3);
        FloatVector d12 = c12.blend(c13.rearrange(DOWN3), HIGH3), d13 = c12.rearrange(UP3).blend(c13, HIGH3);
        FloatVector d14 = c14.blend(c15.rearrange(DOWN3), HIGH3), d15 = c14.rearrange(UP3).blend(c15, HIGH3);
        d0.intoArray(d, dOff + 0 * ldd);
        d1.intoArray(d, dOff + 1 * ldd);
        d2.intoArray(d, dOff + 2 * ldd);
        d3.intoArray(d, dOff + 3 * ldd);
        d4.intoArray(d, dOff + 4 * ldd);
        d5.intoArray(d, dOff + 5 * ldd);
        d6.intoArray(d, dOff + 6 * ldd);
        d7.intoArray(d, dOff + 7 * ldd);
        d8.intoArray(d, dOff + 8 * ldd);
        d9.intoArray(d, dOff + 9 * ldd);
        d10.intoArray(d, dOff + 10 * ldd);
        d11.intoArray(d, dOff + 11 * ldd);
        d12.intoArray(d, dOff + 12 * ldd);
        d13.intoArray(d, dOff + 13 * ldd);
        d14.intoArray(d, dOff + 14 * ldd);
        d15.intoArray(d, dOff + 15 * ldd);
    }

    private static int width(int stage) {
        return Math.max(1, L >> (stage + 1));
    }

    /** Each high h-block of a 2h group takes the low block's values: the partner row's data moves up. */
    private static VectorShuffle<Float> down(int stage) {
        return sources(stage, false);
    }

    /** Each low h-block of a 2h group takes the high block's values: this row's data moves down. */
    private static VectorShuffle<Float> up(int stage) {
        return sources(stage, true);
    }

    /** Lane l reads lane l with bit h set ({@code high}) or cleared. */
    private static VectorShuffle<Float> sources(int stage, boolean high) {
        int h = width(stage);
        int[] lanes = new int[L];
        for (int l = 0; l < L; l++) {
            lanes[l] = high ? l | h : l & ~h;
        }
        return VectorShuffle.fromArray(S, lanes, 0);
    }

    /** The high h-block of each 2h group. */
    private static VectorMask<Float> high(int stage) {
        int h = width(stage);
        long lanes = 0;
        for (int l = 0; l < L; l++) {
            if ((l & h) != 0) {
                lanes |= 1L << l;
            }
        }
        return VectorMask.fromLong(S, lanes);
    }
}
