package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link org.mlp4j.engine.kernel.Kernels#normalizedDenseGradients}: the weight gradient of a dense layer on batch
 * normalisation's output and the row sums its normalisation's {@code dγ}, {@code dβ} come from.
 *
 * <p>Loop structure: one pass over the rows of {@code m}, {@code w} and {@code gw} (a row per input of the dense
 * layer), each row in whole vectors and then element by element; {@code s} is read along with every row (at most a
 * few hundred floats, in L1). The two row sums keep one partial sum per lane, fused multiply-adds, and add the lanes
 * at the row's end, then the tail in order — a different order from the reference's, within rounding of it; the
 * element-wise {@code gw} is the reference's two products and sum, bit for bit. The tail is not done as an overlapping
 * last vector: with {@code gw + t} that would add the overlapped columns twice, and with {@code gw} being {@code m}
 * (replacing) it would read columns already rewritten. Each element of m is read before gw's is written.
 */
final class NormalizedDenseGradients {
    private NormalizedDenseGradients() {
    }

    static void rows(float[] m, float[] w, float[] s, int rows, int cols, float[] a, float[] b, boolean replace,
                     float[] gw, float[] dotM, float[] dotS) {
        int whole = S.loopBound(cols);
        for (int j = 0; j < rows; j++) {
            int r = j * cols;
            float aj = a[j];
            float bj = b[j];
            FloatVector va = FloatVector.broadcast(S, aj);
            FloatVector vb = FloatVector.broadcast(S, bj);
            FloatVector sumM = FloatVector.zero(S);
            FloatVector sumS = FloatVector.zero(S);
            for (int o = 0; o < whole; o += L) {
                FloatVector vm = FloatVector.fromArray(S, m, r + o);
                FloatVector vs = FloatVector.fromArray(S, s, o);
                FloatVector vw = FloatVector.fromArray(S, w, r + o);
                FloatVector t = va.mul(vm).add(vb.mul(vs));
                if (!replace) {
                    t = FloatVector.fromArray(S, gw, r + o).add(t);
                }
                t.intoArray(gw, r + o);
                sumM = vw.fma(vm, sumM);
                sumS = vw.fma(vs, sumS);
            }
            float dm = sumM.reduceLanes(VectorOperators.ADD);
            float ds = sumS.reduceLanes(VectorOperators.ADD);
            for (int o = whole; o < cols; o++) {
                float mo = m[r + o];   // read before gw is written: with replace, gw may be m
                float t = aj * mo + bj * s[o];
                gw[r + o] = replace ? t : gw[r + o] + t;
                dm += w[r + o] * mo;
                ds += w[r + o] * s[o];
            }
            dotM[j] = dm;
            dotS[j] = ds;
        }
    }
}
