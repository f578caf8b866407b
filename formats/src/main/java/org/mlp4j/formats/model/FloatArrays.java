package org.mlp4j.formats.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * The two JSON forms of a float array: {@code base64} of little-endian float32 bytes (compact, for weights) and
 * {@code values}, a list of numbers written with {@link Float#toString} and read with {@link Float#parseFloat}
 * (readable, for biases). Both are bit-exact for every finite float; {@code values} cannot hold NaN or infinity,
 * which JSON has no numbers for, so arrays holding them are written as base64.
 */
final class FloatArrays {
    private FloatArrays() {
    }

    static String toBase64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    static boolean allFinite(float[] v) {
        for (float f : v) {
            if (!Float.isFinite(f)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the array object at {@code fields} ({@code {"shape": [...], "base64"|"values": ...}}), checking the
     * data length against the shape; returns the shape and fills {@code out[0]} with the data.
     */
    static int[] read(JsonFields fields, float[][] out) {
        List<?> shapeList = fields.list("shape");
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = fields.integer(fields.path("shape") + "[" + i + "]", shapeList.get(i));
            if (shape[i] < 0) {
                throw fields.error(fields.path("shape"), "expected sizes >= 0, found " + shapeList);
            }
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw fields.error(fields.path("shape"), "declares " + shapeList + ", more values than an array holds");
            }
        }
        boolean hasBase64 = fields.has("base64");
        boolean hasValues = fields.has("values");
        if (hasBase64 == hasValues) {
            throw fields.error(fields.path(hasBase64 ? "values" : "base64"), hasBase64
                    ? "give either base64 or values, not both" : "missing data: expected base64 or values");
        }
        float[] data;
        if (hasBase64) {
            Object v = fields.get("base64");
            if (!(v instanceof String)) {
                throw fields.error(fields.path("base64"), "expected a base64 string, found " + JsonFields.describe(v));
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode((String) v);
            } catch (IllegalArgumentException e) {
                throw fields.error(fields.path("base64"), "not valid base64: " + e.getMessage());
            }
            if (bytes.length != count * 4) {
                throw fields.error(fields.path("base64"), "holds " + bytes.length + " bytes (" + bytes.length / 4.0
                        + " float32 values), but shape " + shapeList + " needs " + count + " values = " + count * 4 + " bytes");
            }
            data = new float[(int) count];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            List<?> values = fields.list("values");
            if (values.size() != count) {
                throw fields.error(fields.path("values"), "holds " + values.size() + " values, but shape " + shapeList
                        + " needs " + count);
            }
            data = new float[(int) count];
            for (int i = 0; i < data.length; i++) {
                data[i] = fields.floatValue(fields.path("values") + "[" + i + "]", values.get(i));
            }
        }
        out[0] = data;
        return shape;
    }
}
