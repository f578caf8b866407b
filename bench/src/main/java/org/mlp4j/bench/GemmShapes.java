package org.mlp4j.bench;

import java.util.List;

/**
 * The GEMM shapes every GEMM benchmark runs: squares, and the products of the two reference MLPs' training steps
 * (784-128-64-10 at batch 128, 784-1024-1024-10 at batch 256): forward {@code X·W} (NN: m = batch, k = in,
 * n = out), weight gradient {@code Xᵀ·dZ} (TN: m = in, n = out, k = batch), input gradient {@code dZ·Wᵀ}
 * (NT: m = batch, n = in, k = out).
 */
public final class GemmShapes {
    /** {@code m,n,k,TRANS}, the same strings the JMH {@code shape} parameter takes. */
    public static final List<String> ALL = List.of(
            "64,64,64,NN", "128,128,128,NN", "256,256,256,NN", "512,512,512,NN", "1024,1024,1024,NN",
            "2048,2048,2048,NN",
            // 784-128-64-10, batch 128
            "128,128,784,NN", "128,64,128,NN", "128,10,64,NN",
            "784,128,128,TN", "128,64,128,TN", "64,10,128,TN",
            "128,784,128,NT", "128,128,64,NT", "128,64,10,NT",
            // 784-1024-1024-10, batch 256
            "256,1024,784,NN", "256,1024,1024,NN", "256,10,1024,NN",
            "784,1024,256,TN", "1024,1024,256,TN", "1024,10,256,TN",
            "256,784,1024,NT", "256,1024,1024,NT", "256,1024,10,NT");

    private GemmShapes() {
    }

    /** A parsed {@code m,n,k,TRANS} string. */
    public static final class Shape {
        public final int m, n, k;
        public final boolean transA, transB;

        Shape(int m, int n, int k, boolean transA, boolean transB) {
            this.m = m; this.n = n; this.k = k; this.transA = transA; this.transB = transB;
        }

        public String trans() {
            return (transA ? "T" : "N") + (transB ? "T" : "N");
        }

        public double flops() {
            return 2.0 * m * n * k;
        }
    }

    /** Parses {@code m,n,k,TRANS} or {@code MxNxK:TRANS}. */
    public static Shape parse(String s) {
        String[] f = s.trim().split("[,x:]");
        if (f.length != 4 || !f[3].matches("[NT][NT]")) {
            throw new IllegalArgumentException("shape must be m,n,k,TRANS or MxNxK:TRANS (TRANS = NN|NT|TN|TT), got '"
                    + s + "'");
        }
        return new Shape(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim()),
                f[3].charAt(0) == 'T', f[3].charAt(1) == 'T');
    }
}
