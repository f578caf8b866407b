package org.mlp4j.formats.idx;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * Writes IDX files (atomically, optionally gzip-compressed). {@code u8} for images and labels and {@code f32} for
 * anything else are what other tools expect; the other type codes are written too, so that every code can be
 * round-tripped in tests.
 */
public final class IdxWriter {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle F64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    private static final int CHUNK = 1 << 16;

    private IdxWriter() {
    }

    /** Unsigned bytes, e.g. images with pixel values 0..255 or labels. Each value must be an integer in 0..255. */
    public static void writeU8(Path file, int[] dims, float[] values, boolean gzip) throws IOException {
        write(file, IdxType.U8, dims, values, gzip);
    }

    /** Unsigned-byte labels (0..255). */
    public static void writeU8(Path file, int[] dims, int[] values, boolean gzip) throws IOException {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        write(file, IdxType.U8, dims, f, gzip);
    }

    /** 32-bit floats. */
    public static void writeF32(Path file, int[] dims, float[] values, boolean gzip) throws IOException {
        write(file, IdxType.F32, dims, values, gzip);
    }

    /**
     * Any element type; integer types require integral values within the type's range (checked before the file
     * is touched).
     */
    public static void write(Path file, IdxType type, int[] dims, float[] values, boolean gzip) throws IOException {
        checkShape(dims, values.length);
        if (type.isInteger()) {
            checkRange(type, values);
        }
        AtomicFiles.write(file, out -> {
            OutputStream sink = gzip ? new GZIPOutputStream(out, CHUNK) : out;
            writeTo(sink, type, dims, values);
            if (gzip) {
                ((GZIPOutputStream) sink).finish();
            }
        });
    }

    private static void writeTo(OutputStream out, IdxType type, int[] dims, float[] values) throws IOException {
        byte[] header = new byte[4 + 4 * dims.length];
        header[2] = (byte) type.code();
        header[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            I32.set(header, 4 + 4 * i, dims[i]);
        }
        out.write(header);
        int size = type.size();
        byte[] buf = new byte[CHUNK];
        for (int from = 0; from < values.length; from += CHUNK / size) {
            int n = Math.min(CHUNK / size, values.length - from);
            for (int i = 0; i < n; i++) {
                float v = values[from + i];
                switch (type) {
                    case U8: case I8: buf[i] = (byte) (int) v; break;
                    case I16: I16.set(buf, 2 * i, (short) (int) v); break;
                    case I32: I32.set(buf, 4 * i, (int) v); break;
                    case F32: F32.set(buf, 4 * i, v); break;
                    case F64: F64.set(buf, 8 * i, (double) v); break;
                    default: throw new AssertionError(type);
                }
            }
            out.write(buf, 0, n * size);
        }
    }

    private static void checkShape(int[] dims, int length) {
        if (dims.length < 1 || dims.length > 255) {
            throw new IllegalArgumentException("an IDX file has 1 to 255 dimensions, got " + dims.length);
        }
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException(length + " values do not fill dimensions " + java.util.Arrays.toString(dims));
        }
    }

    private static void checkRange(IdxType type, float[] values) {
        long min;
        long max;
        switch (type) {
            case U8: min = 0; max = 255; break;
            case I8: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
            case I16: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
            default: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
        }
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v) || v < min || v > max) {
                throw new IllegalArgumentException("value " + v + " at index " + i + " does not fit IDX type " + type);
            }
        }
    }
}
