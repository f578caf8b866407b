package org.mlp4j.formats.model;

import java.util.List;
import java.util.Map;
import org.mlp4j.formats.DataFormatException;

/**
 * Typed access to one JSON object of a model file, with every error naming the file and the field's path
 * ({@code field layers[1].weights.shape}).
 */
final class JsonFields {
    private final String file;
    private final String path;
    private final Map<?, ?> object;

    JsonFields(String file, String path, Object node) {
        this.file = file;
        this.path = path;
        if (!(node instanceof Map)) {
            throw error(file, path, "expected a JSON object, found " + describe(node));
        }
        this.object = (Map<?, ?>) node;
    }

    String file() {
        return file;
    }

    /** {@code path.key}, or {@code key} at the top level. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return object.containsKey(key) && object.get(key) != JsonTree.NULL;
    }

    Object get(String key) {
        Object v = object.get(key);
        return v == JsonTree.NULL ? null : v;
    }

    Object require(String key) {
        Object v = get(key);
        if (v == null) {
            throw error(path(key), "missing required field");
        }
        return v;
    }

    String string(String key) {
        Object v = require(key);
        if (!(v instanceof String)) {
            throw error(path(key), "expected a string, found " + describe(v));
        }
        return (String) v;
    }

    int positiveInt(String key) {
        return positiveInt(path(key), require(key));
    }

    int positiveInt(String fieldPath, Object v) {
        int i = integer(fieldPath, v);
        if (i < 1) {
            throw error(fieldPath, "expected a positive integer, found " + i);
        }
        return i;
    }

    int integer(String fieldPath, Object v) {
        if (!(v instanceof JsonTree.Number) || !((JsonTree.Number) v).integral) {
            throw error(fieldPath, "expected an integer, found " + describe(v));
        }
        try {
            return Integer.parseInt(((JsonTree.Number) v).text);
        } catch (NumberFormatException e) {
            throw error(fieldPath, "expected an integer below 2^31, found " + v);
        }
    }

    /** A number as float, parsed from its text (never through double). */
    float floatValue(String fieldPath, Object v) {
        if (!(v instanceof JsonTree.Number)) {
            throw error(fieldPath, "expected a number, found " + describe(v));
        }
        return Float.parseFloat(((JsonTree.Number) v).text);
    }

    List<?> list(String key) {
        Object v = require(key);
        if (!(v instanceof List)) {
            throw error(path(key), "expected a JSON array, found " + describe(v));
        }
        return (List<?>) v;
    }

    DataFormatException error(String fieldPath, String message) {
        return error(file, fieldPath, message);
    }

    static DataFormatException error(String file, String fieldPath, String message) {
        return new DataFormatException(file, "field " + fieldPath, message);
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v == JsonTree.NULL) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            String s = (String) v;
            return "\"" + (s.length() > 30 ? s.substring(0, 30) + "…" : s) + "\"";
        }
        return v.toString();
    }
}
