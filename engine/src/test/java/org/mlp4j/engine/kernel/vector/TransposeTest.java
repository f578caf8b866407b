package org.mlp4j.engine.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * A transpose moves every float to its mirrored place and writes nothing else: each source value is distinct, so a
 * float put in the wrong place, dropped or written twice shows, and the destination's padding (columns past
 * {@code n}, rows before {@code tOff}) keeps its marker. Shapes cover whole blocks, a block and a bit either way,
 * fewer rows or columns than one block, and leading dimensions wider than the matrix.
 */
class TransposeTest {
    private static final int L = KernelShape.L;
    private static final int[] SIZES = {1, 3, L - 1, L, L + 1, 2 * L, 2 * L + 5, 100, 110};
    private static final float PAD = -7f;

    @Test
    void everyShapeIsTheMirrorImageAndTouchesNothingElse() {
        int cases = 0;
        for (int n : SIZES) {
            for (int k : SIZES) {
                for (int extra : new int[] {0, 3}) {
                    check(n, k, k + extra, n + extra, extra * 5);
                    cases++;
                }
            }
        }
        assertEquals(SIZES.length * SIZES.length * 2, cases);
    }

    @Test
    void aBlockIsTheMirrorImageOfItsLanesByLanes() {
        assumeTrue(Transpose.BLOCKS, "no block transpose at " + L + " lanes");
        int lds = L + 3, ldd = 2 * L;
        float[] s = new float[5 + L * lds];
        for (int i = 0; i < s.length; i++) {
            s[i] = i + 1;
        }
        float[] d = new float[2 + L * ldd];
        java.util.Arrays.fill(d, PAD);
        Transpose.block(s, 5, lds, d, 2, ldd);
        for (int q = 0; q < L; q++) {
            for (int x = 0; x < ldd; x++) {
                float want = x < L ? s[5 + x * lds + q] : PAD;
                assertEquals(want, d[2 + q * ldd + x], "row " + q + " column " + x);
            }
        }
    }

    private static void check(int n, int k, int ldb, int ldt, int tOff) {
        int bOff = 2;
        float[] b = new float[bOff + n * ldb];
        for (int i = 0; i < b.length; i++) {
            b[i] = i + 1;
        }
        float[] t = new float[tOff + k * ldt];
        java.util.Arrays.fill(t, PAD);
        Transpose.matrix(b, bOff, ldb, n, k, t, tOff, ldt);
        for (int i = 0; i < tOff; i++) {
            assertEquals(PAD, t[i], "before the destination, n=" + n + " k=" + k);
        }
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < ldt; j++) {
                float want = j < n ? b[bOff + j * ldb + p] : PAD;
                assertEquals(want, t[tOff + p * ldt + j], "t[" + p + "][" + j + "], n=" + n + " k=" + k
                        + " ldb=" + ldb + " ldt=" + ldt);
            }
        }
    }
}
