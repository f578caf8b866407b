package org.mlp4j.formats.pickle;

/**
 * The allow-list: the only globals a pickle may name. Each is a constant the unpickler itself interprets to
 * rebuild NumPy arrays, dtypes, scalars and bytes; none is ever looked up reflectively or run.
 */
enum NumpyGlobal {
    /** {@code numpy.core.multiarray._reconstruct(ndarray, shape, typecode)}: an empty array BUILD then fills. */
    RECONSTRUCT,
    /** {@code numpy.core.multiarray.scalar(dtype, bytes)}: a NumPy scalar such as {@code np.int64(60000)}. */
    SCALAR,
    /** {@code numpy.core.numeric._frombuffer(buffer, dtype, shape, order)}: protocol 5 arrays. */
    FROMBUFFER,
    /** {@code numpy.ndarray}: only ever the first argument of {@code _reconstruct}. */
    NDARRAY,
    /** {@code numpy.dtype(descr, align, copy)}: a dtype BUILD then gives its byte order. */
    DTYPE,
    /** {@code _codecs.encode(str, 'latin1')}: how Python 3 pickles bytes at protocols 0–2. */
    CODECS_ENCODE,
    /** {@code builtins.bytes()} with no arguments: how Python 3 pickles empty bytes at protocols 0–2. */
    EMPTY_BYTES;

    /** The global named {@code module.name}, or null when it is not allowed. */
    static NumpyGlobal lookup(String module, String name) {
        switch (module) {
            case "numpy.core.multiarray":
            case "numpy._core.multiarray":
            case "numpy.core._multiarray_umath":
                return name.equals("_reconstruct") ? RECONSTRUCT : name.equals("scalar") ? SCALAR : null;
            case "numpy.core.numeric":
            case "numpy._core.numeric":
                return name.equals("_frombuffer") ? FROMBUFFER : null;
            case "numpy":
                return name.equals("ndarray") ? NDARRAY : name.equals("dtype") ? DTYPE : null;
            case "_codecs":
                return name.equals("encode") ? CODECS_ENCODE : null;
            case "builtins":
            case "__builtin__":
                return name.equals("bytes") ? EMPTY_BYTES : null;
            default:
                return null;
        }
    }
}
