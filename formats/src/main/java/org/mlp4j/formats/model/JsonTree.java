package org.mlp4j.formats.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.formats.DataFormatException;

/**
 * A JSON document as plain Java values — {@code LinkedHashMap}, {@code ArrayList}, {@code String},
 * {@code Boolean}, {@link #NULL} and {@link Number} — built with Jackson's streaming parser so that numbers keep
 * their exact source text. Jackson's own tree turns every number into a double (or a BigDecimal, which cannot
 * hold {@code -0.0}), and a float that has passed through a double can round differently; here
 * {@link Number#text} goes straight to {@link Float#parseFloat}.
 */
final class JsonTree {
    /** JSON {@code null}, distinct from a missing field. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number, as written. */
    static final class Number {
        final String text;
        final boolean integral;

        Number(String text, boolean integral) {
            this.text = text;
            this.integral = integral;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Jackson's default limits would refuse models mlp4j itself writes (one base64 array of a 2048×2048 layer is
     * over its 20 M-character string limit), so the string limit is lifted deliberately: what bounds a string is
     * the file's size, checked against the memory budget before parsing. Nesting stays shallow (model files nest
     * a few levels; a 100k-deep document is an attack) and numbers short (a float needs no 1000 digits).
     */
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 400;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private JsonTree() {
    }

    /** Parses one JSON document; malformed JSON is a {@link DataFormatException} at its line and column. */
    static Object parse(String file, InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            return parse(file, p);
        } catch (CharConversionException e) {
            // Jackson's encoding detection (a file starting with NUL bytes looks like UTF-32)
            throw new DataFormatException(file, "byte 0", "not valid JSON: not UTF-8 text (" + e.getMessage() + ")", e);
        }
    }

    private static Object parse(String file, JsonParser p) throws IOException {
        try {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new DataFormatException(file, DataFormatException.atByte(0), "empty file: expected a JSON object");
            }
            Object root = value(p, t);
            if (p.nextToken() != null) {
                throw new DataFormatException(file, at(p.currentLocation()), "expected the end of the JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            // limits (StreamConstraintsException) carry no location of their own; the parser knows where it is
            JsonLocation l = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            throw new DataFormatException(file, l == null ? "byte 0" : at(l), "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (CharConversionException e) {
            throw new DataFormatException(file, at(p.currentLocation()), "not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String at(JsonLocation l) {
        return DataFormatException.atLine(l.getLineNr(), l.getColumnNr());
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    list.add(value(p, v));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return new Number(p.getText(), true);
            case VALUE_NUMBER_FLOAT:
                return new Number(p.getText(), false);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    /** A value as a plain Java object for free-form maps: Integer/Long/Double, String, Boolean, Map, List, null. */
    static Object toJava(Object v) {
        if (v == NULL) {
            return null;
        }
        if (v instanceof Number) {
            Number n = (Number) v;
            if (n.integral) {
                try {
                    long l = Long.parseLong(n.text);
                    return l == (int) l ? (Object) (int) l : (Object) l;
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(n.text);
                }
            }
            return Double.parseDouble(n.text);
        }
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                m.put((String) e.getKey(), toJava(e.getValue()));
            }
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object o : (List<?>) v) {
                l.add(toJava(o));
            }
            return l;
        }
        return v;
    }
}
