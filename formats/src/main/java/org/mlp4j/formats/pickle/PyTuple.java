package org.mlp4j.formats.pickle;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** A Python tuple: an immutable list (pickled lists are mutable {@code java.util.List}s, dicts {@code Map}s). */
public final class PyTuple extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;
    final int depth;

    PyTuple(Object[] items, int depth) {
        this.items = items;
        this.depth = depth;
    }

    PyTuple(List<Object> items, int depth) {
        this(items.toArray(), depth);
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
