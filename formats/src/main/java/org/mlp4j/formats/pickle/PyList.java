package org.mlp4j.formats.pickle;

import java.util.ArrayList;

/** A pickled Python list; remembers how deeply containers nest in it, which the unpickler bounds. */
final class PyList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    int depth = 1;
}
