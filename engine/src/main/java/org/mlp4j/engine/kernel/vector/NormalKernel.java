package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.NormalTransform.C2;
import static org.mlp4j.engine.kernel.NormalTransform.C4;
import static org.mlp4j.engine.kernel.NormalTransform.C6;
import static org.mlp4j.engine.kernel.NormalTransform.C8;
import static org.mlp4j.engine.kernel.NormalTransform.HALF_PI;
import static org.mlp4j.engine.kernel.NormalTransform.L3;
import static org.mlp4j.engine.kernel.NormalTransform.L5;
import static org.mlp4j.engine.kernel.NormalTransform.L7;
import static org.mlp4j.engine.kernel.NormalTransform.L9;
import static org.mlp4j.engine.kernel.NormalTransform.LN2_HI;
import static org.mlp4j.engine.kernel.NormalTransform.LN2_LO;
import static org.mlp4j.engine.kernel.NormalTransform.MANTISSA_ONE;
import static org.mlp4j.engine.kernel.NormalTransform.ROUND;
import static org.mlp4j.engine.kernel.NormalTransform.ROUND_BITS;
import static org.mlp4j.engine.kernel.NormalTransform.S3;
import static org.mlp4j.engine.kernel.NormalTransform.S5;
import static org.mlp4j.engine.kernel.NormalTransform.S7;
import static org.mlp4j.engine.kernel.NormalTransform.S9;
import static org.mlp4j.engine.kernel.NormalTransform.SQRT_HALF_UPPER;
import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.engine.kernel.NormalStream;
import org.mlp4j.engine.kernel.NormalTransform;

/**
 * {@link NormalTransform#block} with the sixteen generators of a {@link NormalStream} in {@code 16 / L} vectors of
 * lanes: per block, per vector of lanes, two xoshiro128+ steps on int lanes, then the Box–Muller arithmetic on float
 * lanes with the reference's operations in its order (the branch on {@code m > √2} as a blend, the quadrant as sign
 * and swap bit masks), so the samples are the reference's bit for bit. One method, no helpers: every call level is
 * inlining depth, and a vector that crosses a call C2 did not inline is boxed.
 */
final class NormalKernel {
    @SuppressWarnings("unchecked")
    private static final VectorSpecies<Integer> I = (VectorSpecies<Integer>) S.withLanes(int.class);
    /** Whether the kernel applies: the lanes divide a block's sixteen generators. */
    static final boolean APPLIES = L <= NormalStream.LANES && NormalStream.LANES % L == 0;

    private NormalKernel() {
    }

    /** {@code out[offset .. offset+length) = scale·N(0, 1)}, whole blocks from {@code stream}. */
    static void fill(NormalStream stream, float[] out, int offset, int length, float scale) {
        int[] s = stream.state();
        int full = length / NormalStream.BLOCK * NormalStream.BLOCK;
        for (int b = 0; b < full; b += NormalStream.BLOCK) {
            block(s, out, offset + b, scale);
        }
        if (full < length) {
            float[] tail = stream.tail();
            block(s, tail, 0, scale);
            System.arraycopy(tail, 0, out, offset + full, length - full);
        }
    }

    private static void block(int[] s, float[] out, int off, float scale) {
        int n = NormalStream.LANES;
        for (int i = 0; i < n; i += L) {
            IntVector s0 = IntVector.fromArray(I, s, i), s1 = IntVector.fromArray(I, s, n + i);
            IntVector s2 = IntVector.fromArray(I, s, 2 * n + i), s3 = IntVector.fromArray(I, s, 3 * n + i);
            IntVector w1 = s0.add(s3);
            IntVector t = s1.lanewise(VectorOperators.LSHL, 9);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.LSHL, 11).lanewise(VectorOperators.OR, s3.lanewise(VectorOperators.LSHR, 21));
            IntVector w2 = s0.add(s3);
            t = s1.lanewise(VectorOperators.LSHL, 9);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.LSHL, 11).lanewise(VectorOperators.OR, s3.lanewise(VectorOperators.LSHR, 21));
            s0.intoArray(s, i);
            s1.intoArray(s, n + i);
            s2.intoArray(s, 2 * n + i);
            s3.intoArray(s, 3 * n + i);

            FloatVector u1 = w1.lanewise(VectorOperators.LSHR, 9).lanewise(VectorOperators.OR, MANTISSA_ONE)
                    .reinterpretAsFloats().neg().add(2f);
            FloatVector u2 = w2.lanewise(VectorOperators.LSHR, 9).lanewise(VectorOperators.OR, MANTISSA_ONE)
                    .reinterpretAsFloats().sub(1f);
            // ln u1
            IntVector bits = u1.reinterpretAsInts();
            IntVector e = bits.lanewise(VectorOperators.ASHR, 23).sub(127);
            FloatVector m = bits.lanewise(VectorOperators.AND, 0x007FFFFF).lanewise(VectorOperators.OR, MANTISSA_ONE)
                    .reinterpretAsFloats();
            var high = m.compare(VectorOperators.GT, SQRT_HALF_UPPER);
            m = m.blend(m.mul(0.5f), high);
            e = e.blend(e.add(1), high.cast(I));
            FloatVector ef = e.add(ROUND_BITS).reinterpretAsFloats().sub(ROUND);
            FloatVector q = m.sub(1f).div(m.add(1f));
            FloatVector q2 = q.mul(q);
            FloatVector p = q2.mul(L9).add(L7).mul(q2).add(L5).mul(q2).add(L3).mul(q2).add(1f);
            FloatVector ln = ef.mul(LN2_HI).add(ef.mul(LN2_LO).add(q.add(q).mul(p)));
            FloatVector r = ln.mul(-2f).sqrt().mul(scale);
            // cos and sin of 2π·u2
            FloatVector k4 = u2.mul(4f).add(ROUND);
            IntVector k = k4.reinterpretAsInts().sub(ROUND_BITS);
            FloatVector phi = u2.mul(4f).sub(k4.sub(ROUND)).mul(HALF_PI);
            FloatVector f2 = phi.mul(phi);
            FloatVector sin = f2.mul(S9).add(S7).mul(f2).add(S5).mul(f2).add(S3).mul(f2).add(1f).mul(phi);
            FloatVector cos = f2.mul(C8).add(C6).mul(f2).add(C4).mul(f2).add(C2).mul(f2).add(1f);
            IntVector sb = sin.reinterpretAsInts(), cb = cos.reinterpretAsInts();
            IntVector swap = k.lanewise(VectorOperators.AND, 1).neg();
            IntVector diff = cb.lanewise(VectorOperators.XOR, sb).lanewise(VectorOperators.AND, swap);
            IntVector cosBits = cb.lanewise(VectorOperators.XOR, diff)
                    .lanewise(VectorOperators.XOR, k.add(1).lanewise(VectorOperators.AND, 2).lanewise(VectorOperators.LSHL, 30));
            IntVector sinBits = sb.lanewise(VectorOperators.XOR, diff)
                    .lanewise(VectorOperators.XOR, k.lanewise(VectorOperators.AND, 2).lanewise(VectorOperators.LSHL, 30));
            r.mul(cosBits.reinterpretAsFloats()).intoArray(out, off + i);
            r.mul(sinBits.reinterpretAsFloats()).intoArray(out, off + n + i);
        }
    }
}
