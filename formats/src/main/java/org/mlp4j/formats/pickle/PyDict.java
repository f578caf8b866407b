package org.mlp4j.formats.pickle;

import java.util.LinkedHashMap;

/** A pickled Python dict (insertion order, as Python keeps); remembers its nesting depth. */
final class PyDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;
    int depth = 1;
}
