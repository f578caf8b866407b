package org.mlp4j.formats.pickle;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.numpy.DType;
import org.mlp4j.formats.numpy.NdArray;
import org.mlp4j.formats.numpy.SourceBytes;

/**
 * An allow-list unpickler for protocols 0–5: a data reader, not an interpreter. It understands the opcodes
 * that plain containers (None, bool, int, float, str, bytes, bytearray, tuple, list, dict) and NumPy arrays
 * need, and resolves only the globals of {@link NumpyGlobal}; REDUCE, BUILD and NEWOBJ apply nothing but
 * those NumPy reconstructors, interpreted here. Nothing is looked up reflectively and nothing is executed.
 *
 * <p>Refused, with the byte offset: any other global ({@code byte 31: refusing global 'os.system': pickles
 * may only hold NumPy arrays and plain containers}), persistent ids, extension codes, INST/OBJ, out-of-band
 * buffers and object arrays.
 *
 * <p>Hostile input is bounded: every length is checked against the bytes that remain before anything is
 * allocated; the memo holds at most {@value #MAX_MEMO} entries; MARKs and containers nest at most
 * {@value #MAX_DEPTH} deep. The loop is iterative, so no input can overflow the Java stack.
 *
 * <p>Python values become: None → {@code null}, bool → {@link Boolean}, int → {@link Long} (or
 * {@link BigInteger} when larger), float → {@link Double}, str → {@link String}, bytes/bytearray/Python 2 str →
 * {@link PyBytes}, tuple → {@link PyTuple}, list → {@code List}, dict → {@code Map} (Python 2 str keys become
 * {@code String}s), ndarray and NumPy scalars → {@link NdArray} (rank 0 for scalars).
 */
public final class Unpickler {
    /** How deeply MARKs and containers may nest. CPython's own recursion limit keeps real pickles far below. */
    public static final int MAX_DEPTH = 1000;
    /** How many memo entries a pickle may make. */
    public static final int MAX_MEMO = 1 << 21;
    private static final int HIGHEST_PROTOCOL = 5;
    private static final String ALLOWED = "pickles may only hold NumPy arrays and plain containers";

    private final SourceBytes src;
    private final byte[] b;
    private final int end;
    private int pos;

    private ArrayList<Object> stack;
    private int[] marks;
    private int markCount;
    private Map<Long, Object> memo;

    private Unpickler(SourceBytes src) {
        this.src = src;
        this.b = src.data();
        this.end = src.length();
    }

    /** Every pickle in {@code file} in turn (gzip-compressed files too): usually one, several when concatenated. */
    public static List<Object> loadAll(Path file) throws IOException {
        return loadAll(SourceBytes.read(file));
    }

    /** Every pickle in {@code data}, which is named {@code name} in errors. */
    public static List<Object> loadAll(byte[] data, String name) {
        return loadAll(SourceBytes.of(data, name));
    }

    /** Every pickle in {@code src} in turn, as {@code pickle.load} called until the end of the data would. */
    public static List<Object> loadAll(SourceBytes src) {
        Unpickler u = new Unpickler(src);
        if (u.end == 0) {
            throw src.error(0, "empty file: expected a pickle");
        }
        List<Object> out = new ArrayList<>();
        while (u.pos < u.end) {
            out.add(u.loadOne());
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ main loop

    private Object loadOne() {
        stack = new ArrayList<>();
        marks = new int[16];
        markCount = 0;
        memo = new HashMap<>();
        while (true) {
            if (pos >= end) {
                throw src.error(pos, "pickle ends without a STOP opcode (truncated file?)");
            }
            int at = pos;
            int op = b[pos++] & 0xff;
            switch (op) {
                case 0x80: { // PROTO
                    int p = u8(at);
                    if (p > HIGHEST_PROTOCOL) {
                        throw src.error(at, "unsupported pickle protocol " + p + ": expected 0 to " + HIGHEST_PROTOCOL);
                    }
                    break;
                }
                case 0x95: { // FRAME: a length hint; the opcodes inside are read as usual
                    long n = uLong(at, 8);
                    if (n > end - pos) {
                        throw src.error(at, "FRAME of " + n + " bytes but only " + (end - pos) + " remain");
                    }
                    break;
                }
                case '.': { // STOP
                    Object result = pop(at);
                    if (result instanceof ArrayRef) {
                        throw src.error(at, "the array made at byte " + ((ArrayRef) result).at + " was never given its data");
                    }
                    return resolve(result);
                }
                // ---- atoms
                case 'N': push(null); break;
                case 0x88: push(Boolean.TRUE); break;
                case 0x89: push(Boolean.FALSE); break;
                case 'I': push(parseInt(at, line(at))); break;
                case 'J': push((long) (int) uLong(at, 4)); break;
                case 'K': push((long) u8(at)); break;
                case 'M': push(uLong(at, 2)); break;
                case 'L': push(parseLong(at, line(at))); break;
                case 0x8a: push(longBytes(at, u8(at))); break;
                case 0x8b: push(longBytes(at, length(at, 4, true))); break;
                case 'F': push(parseFloat(at, line(at))); break;
                case 'G': push(Double.longBitsToDouble(beLong(at))); break;
                // ---- strings and bytes
                case 'S': push(stringOpcode(at, line(at))); break;
                case 'T': push(bytes(at, length(at, 4, true), true)); break;
                case 'U': push(bytes(at, u8(at), true)); break;
                case 'V': push(rawUnicodeEscape(at, line(at))); break;
                case 'X': push(utf8(at, length(at, 4, false))); break;
                case 0x8c: push(utf8(at, u8(at))); break;
                case 0x8d: push(utf8(at, length(at, 8, false))); break;
                case 'B': push(bytes(at, length(at, 4, false), false)); break;
                case 'C': push(bytes(at, u8(at), false)); break;
                case 0x8e: // BINBYTES8
                case 0x96: // BYTEARRAY8
                    push(bytes(at, length(at, 8, false), false));
                    break;
                // ---- tuples
                case ')': push(new PyTuple(new Object[0], 1)); break;
                case 't': push(tuple(at, popMark(at))); break;
                case 0x85: push(tuple(at, popN(at, 1))); break;
                case 0x86: push(tuple(at, popN(at, 2))); break;
                case 0x87: push(tuple(at, popN(at, 3))); break;
                // ---- lists
                case ']': push(new PyList()); break;
                case 'l': {
                    PyList list = new PyList();
                    for (Object o : popMark(at)) {
                        append(at, list, o);
                    }
                    push(list);
                    break;
                }
                case 'a': {
                    Object item = pop(at);
                    append(at, listAt(at), item);
                    break;
                }
                case 'e': {
                    List<Object> items = popMark(at);
                    PyList list = listAt(at);
                    for (Object o : items) {
                        append(at, list, o);
                    }
                    break;
                }
                // ---- dicts
                case '}': push(new PyDict()); break;
                case 'd': {
                    List<Object> items = popMark(at);
                    PyDict dict = new PyDict();
                    setItems(at, dict, items);
                    push(dict);
                    break;
                }
                case 's': {
                    Object value = pop(at);
                    Object key = pop(at);
                    setItems(at, dictAt(at), Arrays.asList(key, value));
                    break;
                }
                case 'u': {
                    List<Object> items = popMark(at);
                    setItems(at, dictAt(at), items);
                    break;
                }
                // ---- stack
                case '(': mark(at); break;
                case '0': pop(at); break;
                case '1': popMark(at); break;
                case '2': {
                    Object top = pop(at);
                    push(top);
                    push(top);
                    break;
                }
                // ---- memo
                case 'g': push(memoGet(at, parseMemoIndex(at, line(at)))); break;
                case 'h': push(memoGet(at, u8(at))); break;
                case 'j': push(memoGet(at, uLong(at, 4))); break;
                case 'p': memoPut(at, parseMemoIndex(at, line(at))); break;
                case 'q': memoPut(at, u8(at)); break;
                case 'r': memoPut(at, uLong(at, 4)); break;
                case 0x94: memoPut(at, memo.size()); break;
                // ---- globals and the NumPy reconstructors
                case 'c': {
                    String module = asciiLine(at);
                    String name = asciiLine(at);
                    push(global(at, module, name));
                    break;
                }
                case 0x93: { // STACK_GLOBAL
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw src.error(at, "STACK_GLOBAL needs two str, found " + typeName(module) + " and " + typeName(name));
                    }
                    push(global(at, (String) module, (String) name));
                    break;
                }
                case 'R': { // REDUCE
                    Object args = pop(at);
                    Object callable = pop(at);
                    push(call(at, callable, args));
                    break;
                }
                case 0x81: { // NEWOBJ: cls.__new__(cls, *args)
                    Object args = pop(at);
                    Object cls = pop(at);
                    push(newObject(at, cls, args));
                    break;
                }
                case 0x92: { // NEWOBJ_EX
                    Object kwargs = pop(at);
                    Object args = pop(at);
                    Object cls = pop(at);
                    if (!(kwargs instanceof Map) || !((Map<?, ?>) kwargs).isEmpty()) {
                        throw src.error(at, "NEWOBJ_EX with keyword arguments is not supported: " + ALLOWED);
                    }
                    push(newObject(at, cls, args));
                    break;
                }
                case 'b': { // BUILD
                    Object state = pop(at);
                    Object target = pop(at);
                    push(build(at, target, state));
                    break;
                }
                // ---- refused
                case 'P':
                case 'Q':
                    throw src.error(at, "refusing a persistent id: " + ALLOWED);
                case 0x82:
                case 0x83:
                case 0x84:
                    throw src.error(at, "refusing an extension-registry code (EXT" + (op == 0x82 ? 1 : op == 0x83 ? 2 : 4)
                            + "): " + ALLOWED);
                case 'i':
                case 'o':
                    throw src.error(at, "refusing the " + (op == 'i' ? "INST" : "OBJ") + " opcode, which instantiates arbitrary classes: " + ALLOWED);
                case 0x97:
                case 0x98:
                    throw src.error(at, "refusing an out-of-band buffer (" + (op == 0x97 ? "NEXT_BUFFER" : "READONLY_BUFFER")
                            + "): a pickle file must hold its data in-band");
                case 0x8f:
                case 0x90:
                case 0x91:
                    throw src.error(at, "sets are not supported (opcode 0x" + Integer.toHexString(op) + ")");
                default:
                    throw src.error(at, "unknown pickle opcode 0x" + String.format("%02x", op)
                            + " (not a pickle, or a corrupt one?)");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ stack

    private void push(Object o) {
        stack.add(o);
    }

    private int floor() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    private Object pop(int at) {
        if (stack.size() <= floor()) {
            throw src.error(at, "stack underflow: the opcode needs a value that is not there");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top(int at) {
        if (stack.size() <= floor()) {
            throw src.error(at, "stack underflow: the opcode needs a value that is not there");
        }
        return stack.get(stack.size() - 1);
    }

    private void mark(int at) {
        if (markCount == MAX_DEPTH) {
            throw src.error(at, "MARKs nest deeper than " + MAX_DEPTH + ": refusing hostile nesting");
        }
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markCount++] = stack.size();
    }

    private List<Object> popMark(int at) {
        if (markCount == 0) {
            throw src.error(at, "no MARK on the stack for this opcode");
        }
        int from = marks[--markCount];
        List<Object> sub = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private List<Object> popN(int at, int n) {
        if (stack.size() - floor() < n) {
            throw src.error(at, "stack underflow: the opcode needs " + n + " values");
        }
        List<Object> sub = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    // ------------------------------------------------------------------------------------------ containers

    private static int depth(Object o) {
        return o instanceof PyTuple ? ((PyTuple) o).depth : o instanceof PyList ? ((PyList) o).depth
                : o instanceof PyDict ? ((PyDict) o).depth : 0;
    }

    private int checkDepth(int at, int depth) {
        if (depth > MAX_DEPTH) {
            throw src.error(at, "containers nest deeper than " + MAX_DEPTH + ": refusing hostile nesting");
        }
        return depth;
    }

    private PyTuple tuple(int at, List<Object> items) {
        int d = 0;
        for (Object o : items) {
            usable(at, o);
            d = Math.max(d, depth(o));
        }
        return new PyTuple(items, checkDepth(at, d + 1));
    }

    private void append(int at, PyList list, Object item) {
        usable(at, item);
        list.depth = checkDepth(at, Math.max(list.depth, depth(item) + 1));
        list.add(item);
    }

    private PyList listAt(int at) {
        Object t = top(at);
        if (!(t instanceof PyList)) {
            throw src.error(at, "APPEND needs a list, found " + typeName(t));
        }
        return (PyList) t;
    }

    private PyDict dictAt(int at) {
        Object t = top(at);
        if (!(t instanceof PyDict)) {
            throw src.error(at, "SETITEM needs a dict, found " + typeName(t));
        }
        return (PyDict) t;
    }

    private void setItems(int at, PyDict dict, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw src.error(at, "odd number of items for a dict: " + items.size());
        }
        for (int i = 0; i < items.size(); i += 2) {
            Object key = dictKey(at, items.get(i));
            Object value = items.get(i + 1);
            usable(at, value);
            dict.depth = checkDepth(at, Math.max(dict.depth, depth(value) + 1));
            dict.put(key, value);
        }
    }

    /**
     * Keys must be hashable the way Python's are — and, here, shallow, so hashing can never recurse: numbers,
     * strings, bytes, None, or tuples of those. Python 2 {@code str} keys become Java strings.
     */
    private Object dictKey(int at, Object key) {
        if (key instanceof PyBytes && ((PyBytes) key).isPython2Str()) {
            return ((PyBytes) key).toLatin1();
        }
        if (isScalarKey(key)) {
            return key;
        }
        if (key instanceof PyTuple) {
            for (Object o : (PyTuple) key) {
                if (!isScalarKey(o)) {
                    throw src.error(at, "unsupported dict key: a tuple holding " + typeName(o));
                }
            }
            return key;
        }
        throw src.error(at, "unsupported dict key: " + typeName(key));
    }

    private static boolean isScalarKey(Object k) {
        return k == null || k instanceof String || k instanceof Latin1Text || k instanceof PyBytes || k instanceof Long || k instanceof BigInteger
                || k instanceof Double || k instanceof Boolean;
    }

    /** A value may go into a container once it is complete: an array must have had its BUILD. */
    private void usable(int at, Object o) {
        if (o instanceof ArrayRef) {
            throw src.error(at, "the array made at byte " + ((ArrayRef) o).at + " is used before BUILD gave it its data");
        }
    }

    // ------------------------------------------------------------------------------------------ memo

    private Object memoGet(int at, long index) {
        Object v = memo.get(index);
        if (v == null && !memo.containsKey(index)) {
            throw src.error(at, "memo entry " + index + " was never stored");
        }
        return resolve(v);
    }

    private void memoPut(int at, long index) {
        if (index < 0) {
            throw src.error(at, "negative memo index " + index);
        }
        if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) {
            throw src.error(at, "more than " + MAX_MEMO + " memo entries");
        }
        memo.put(index, top(at));
    }

    /** Memo entries made between REDUCE and BUILD still hold the placeholder; hand out what BUILD made. */
    private static Object resolve(Object o) {
        if (o instanceof ArrayRef && ((ArrayRef) o).array != null) {
            return ((ArrayRef) o).array;
        }
        if (o instanceof DTypeRef) {
            return ((DTypeRef) o).dtype;
        }
        return o;
    }

    // ------------------------------------------------------------------------------------------ globals

    private NumpyGlobal global(int at, String module, String name) {
        NumpyGlobal g = NumpyGlobal.lookup(module, name);
        if (g == null) {
            throw src.error(at, "refusing global '" + printable(module) + "." + printable(name) + "': " + ALLOWED);
        }
        return g;
    }

    private Object call(int at, Object callable, Object argsObj) {
        if (!(callable instanceof NumpyGlobal)) {
            throw src.error(at, "REDUCE on " + typeName(callable) + ": only the allow-listed NumPy reconstructors can be"
                    + " applied");
        }
        if (!(argsObj instanceof PyTuple)) {
            throw src.error(at, "REDUCE needs an argument tuple, found " + typeName(argsObj));
        }
        PyTuple args = (PyTuple) argsObj;
        switch ((NumpyGlobal) callable) {
            case RECONSTRUCT:
                // _reconstruct(ndarray, shape, typecode): an empty array that BUILD fills
                if (args.size() != 3 || args.get(0) != NumpyGlobal.NDARRAY) {
                    throw src.error(at, "_reconstruct expects (numpy.ndarray, shape, typecode), found "
                            + args.size() + " arguments" + (args.isEmpty() ? "" : " starting with " + typeName(args.get(0))));
                }
                return new ArrayRef(at);
            case SCALAR: {
                if (args.size() != 2) {
                    throw src.error(at, "scalar expects (dtype, data), found " + args.size() + " arguments");
                }
                DType dtype = dtypeArg(at, args.get(0));
                PyBytes data = bytesArg(at, args.get(1), "scalar data");
                if (data.length() != dtype.itemSize()) {
                    throw src.error(at, "a " + dtype.name() + " scalar needs " + dtype.itemSize() + " bytes, found "
                            + data.length());
                }
                return NdArray.of(dtype, new long[0], data.buffer(), data.offset(), false);
            }
            case FROMBUFFER: {
                if (args.size() != 4) {
                    throw src.error(at, "_frombuffer expects (buffer, dtype, shape, order), found " + args.size() + " arguments");
                }
                PyBytes data = bytesArg(at, args.get(0), "_frombuffer buffer");
                DType dtype = dtypeArg(at, args.get(1));
                long[] shape = shapeArg(at, args.get(2));
                String order = text(at, args.get(3), "order");
                if (!order.equals("C") && !order.equals("F")) {
                    throw src.error(at, "_frombuffer order must be 'C' or 'F', found '" + printable(order) + "'");
                }
                return array(at, dtype, shape, data, order.equals("F"));
            }
            case DTYPE:
                return dtype(at, args);
            case CODECS_ENCODE: {
                if (args.isEmpty() || args.size() > 2) {
                    throw src.error(at, "_codecs.encode expects (str, encoding), found " + args.size() + " arguments");
                }
                String encoding = args.size() == 2 ? text(at, args.get(1), "encoding") : "utf-8";
                if (args.get(0) instanceof Latin1Text && isLatin1(encoding)) {
                    return ((Latin1Text) args.get(0)).bytes; // latin-1 text encoded as latin-1: its own bytes
                }
                String s = text(at, args.get(0), "_codecs.encode text");
                return encode(at, s, encoding);
            }
            case EMPTY_BYTES:
                if (!args.isEmpty()) {
                    throw src.error(at, "refusing bytes() with arguments: " + ALLOWED);
                }
                return PyBytes.of(new byte[0]);
            default:
                throw src.error(at, "numpy.ndarray can only be rebuilt through _reconstruct: " + ALLOWED);
        }
    }

    private Object newObject(int at, Object cls, Object args) {
        if (cls == NumpyGlobal.DTYPE) {
            return call(at, cls, args);
        }
        throw src.error(at, "NEWOBJ of " + typeName(cls) + ": " + ALLOWED);
    }

    /** {@code numpy.dtype(descr, align, copy)}; the byte order comes with BUILD. */
    private DTypeRef dtype(int at, PyTuple args) {
        if (args.isEmpty() || args.size() > 3) {
            throw src.error(at, "numpy.dtype expects (descr, align, copy), found " + args.size() + " arguments");
        }
        String descr = text(at, args.get(0), "dtype descr");
        try {
            return new DTypeRef(DType.parse(descr));
        } catch (IllegalArgumentException e) {
            throw src.error(at, e.getMessage());
        }
    }

    private static boolean isLatin1(String encoding) {
        String enc = encoding.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return enc.equals("latin1") || enc.equals("latin-1") || enc.equals("iso-8859-1") || enc.equals("l1");
    }

    private PyBytes encode(int at, String s, String encoding) {
        String enc = encoding.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (isLatin1(encoding)) {
            byte[] out = new byte[s.length()];
            for (int i = 0; i < out.length; i++) {
                char c = s.charAt(i);
                if (c > 0xff) {
                    throw src.error(at, "_codecs.encode: character U+" + Integer.toHexString(c) + " is not latin-1");
                }
                out[i] = (byte) c;
            }
            return PyBytes.of(out);
        }
        if (enc.equals("utf-8") || enc.equals("utf8")) {
            return PyBytes.of(s.getBytes(StandardCharsets.UTF_8));
        }
        throw src.error(at, "_codecs.encode: unsupported encoding '" + printable(encoding) + "'");
    }

    private Object build(int at, Object target, Object state) {
        if (target instanceof DTypeRef) {
            DTypeRef ref = (DTypeRef) target;
            // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
            if (!(state instanceof PyTuple) || ((PyTuple) state).size() < 8 || ((PyTuple) state).size() > 9) {
                throw src.error(at, "dtype state must be an 8- or 9-tuple, found " + typeName(state));
            }
            PyTuple st = (PyTuple) state;
            if (st.get(2) != null || st.get(3) != null || st.get(4) != null) {
                throw src.error(at, "structured and sub-array dtypes are not supported: expected one numeric type");
            }
            String order = text(at, st.get(1), "dtype byte order");
            switch (order) {
                case ">": ref.dtype = ref.dtype.withOrder(ByteOrder.BIG_ENDIAN); break;
                case "<": case "=": ref.dtype = ref.dtype.withOrder(ByteOrder.LITTLE_ENDIAN); break;
                case "|": break;
                default: throw src.error(at, "unknown dtype byte order '" + printable(order) + "'");
            }
            return ref.dtype;
        }
        if (target instanceof ArrayRef) {
            ArrayRef ref = (ArrayRef) target;
            if (ref.array != null) {
                throw src.error(at, "BUILD applied twice to the array made at byte " + ref.at);
            }
            if (!(state instanceof PyTuple) || ((PyTuple) state).size() < 4 || ((PyTuple) state).size() > 5) {
                throw src.error(at, "ndarray state must be (version, shape, dtype, is_fortran, data), found " + typeName(state));
            }
            PyTuple st = (PyTuple) state;
            int o = st.size() - 4;
            long[] shape = shapeArg(at, st.get(o));
            DType dtype = dtypeArg(at, st.get(o + 1));
            boolean fortran = truth(at, st.get(o + 2), "is_fortran");
            Object raw = st.get(o + 3);
            if (raw instanceof List) {
                throw src.error(at, "object arrays are refused: " + ALLOWED);
            }
            PyBytes data = raw instanceof Latin1Text ? ((Latin1Text) raw).bytes
                    : raw instanceof String ? encode(at, (String) raw, "latin1") : bytesArg(at, raw, "array data");
            ref.array = array(at, dtype, shape, data, fortran);
            return ref.array;
        }
        throw src.error(at, "BUILD on " + typeName(target) + " is not supported: " + ALLOWED);
    }

    private NdArray array(int at, DType dtype, long[] shape, PyBytes data, boolean fortran) {
        long count = NdArray.elementCount(shape, dtype.itemSize());
        if (count < 0 || count * dtype.itemSize() != data.length()) {
            throw src.error(at, "array of shape " + NdArray.shapeString(shape) + " and dtype " + dtype.name() + " needs "
                    + (count < 0 ? "too many" : Long.toString(count * dtype.itemSize())) + " bytes, found " + data.length());
        }
        return NdArray.of(dtype, shape, data.buffer(), data.offset(), fortran);
    }

    private DType dtypeArg(int at, Object o) {
        Object r = resolve(o);
        if (r instanceof DType) {
            return (DType) r;
        }
        throw src.error(at, "expected a numpy.dtype, found " + typeName(o));
    }

    private PyBytes bytesArg(int at, Object o, String what) {
        if (o instanceof PyBytes) {
            return (PyBytes) o;
        }
        if (o instanceof List || o instanceof PyTuple) {
            throw src.error(at, "object arrays are refused: " + ALLOWED);
        }
        throw src.error(at, what + " must be bytes, found " + typeName(o));
    }

    private long[] shapeArg(int at, Object o) {
        if (o instanceof Long) { // NumPy accepts a bare int for a 1-D shape
            o = new PyTuple(new Object[] {o}, 1);
        }
        if (!(o instanceof PyTuple)) {
            throw src.error(at, "an array shape must be a tuple of ints, found " + typeName(o));
        }
        PyTuple t = (PyTuple) o;
        if (t.size() > 64) {
            throw src.error(at, "more than 64 dimensions");
        }
        long[] shape = new long[t.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(t.get(i) instanceof Long) || (Long) t.get(i) < 0) {
                throw src.error(at, "an array dimension must be a non-negative int, found " + typeName(t.get(i)));
            }
            shape[i] = (Long) t.get(i);
        }
        return shape;
    }

    private boolean truth(int at, Object o, String what) {
        if (o instanceof Boolean) {
            return (Boolean) o;
        }
        if (o instanceof Long) {
            return (Long) o != 0;
        }
        throw src.error(at, what + " must be a bool, found " + typeName(o));
    }

    /** str, or Python 2 str (bytes read as latin-1). */
    private String text(int at, Object o, String what) {
        if (o instanceof String) {
            return (String) o;
        }
        if (o instanceof Latin1Text && ((Latin1Text) o).bytes.length() <= 1 << 20) {
            return o.toString();
        }
        if (o instanceof PyBytes && ((PyBytes) o).length() <= 1 << 20) {
            return ((PyBytes) o).toLatin1();
        }
        throw src.error(at, what + " must be a str, found " + typeName(o));
    }

    // ------------------------------------------------------------------------------------------ reading

    private int u8(int at) {
        if (pos >= end) {
            throw truncated(at);
        }
        return b[pos++] & 0xff;
    }

    /** An unsigned little-endian integer of {@code n} ≤ 8 bytes (8-byte values above 2^63 read negative). */
    private long uLong(int at, int n) {
        if (end - pos < n) {
            throw truncated(at);
        }
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (b[pos + k] & 0xff);
        }
        pos += n;
        return v;
    }

    private long beLong(int at) {
        if (end - pos < 8) {
            throw truncated(at);
        }
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (b[pos + k] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** A length field, checked against the bytes that remain before anything is allocated. */
    private int length(int at, int size, boolean signed) {
        long n = uLong(at, size);
        if (signed && size == 4) {
            n = (int) n;
        }
        if (n < 0 || n > end - pos) {
            throw src.error(at, "length " + Long.toUnsignedString(n) + " exceeds the " + (end - pos)
                    + " bytes that remain (truncated or hostile file)");
        }
        return (int) n;
    }

    private PyBytes bytes(int at, int n, boolean python2Str) {
        if (n > end - pos) {
            throw src.error(at, "length " + n + " exceeds the " + (end - pos) + " bytes that remain");
        }
        PyBytes v = new PyBytes(b, pos, n, python2Str);
        pos += n;
        return v;
    }

    /** A str: a {@code String}, or a {@link Latin1Text} when long and all latin-1. */
    private Object utf8(int at, int n) {
        if (n > end - pos) {
            throw src.error(at, "length " + n + " exceeds the " + (end - pos) + " bytes that remain");
        }
        // Protocols 0-2 carry NumPy array data as a latin-1 str (hundreds of MB for MNIST), UTF-8 encoded: mostly
        // 2-byte sequences, which a CharsetDecoder turns into UTF-16 a char at a time, then into a String, then
        // _codecs.encode into bytes again: three copies, and a branch per byte that the data makes unpredictable.
        // A long str of latin-1 characters only is decoded in one branch-free pass to one byte per character and
        // stays bytes (Latin1Text) until it is used as array data.
        if (n >= LATIN1_FAST_PATH) {
            byte[] latin1 = new byte[n];
            int chars = utf8ToLatin1(b, pos, n, latin1);
            if (chars >= 0) {
                pos += n;
                return new Latin1Text(new PyBytes(latin1, 0, chars, false));
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, pos, n));
            pos += n;
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw src.error(at, "a str that is not valid UTF-8");
        }
    }

    /** A str at least this long that is all latin-1 is kept as bytes; shorter ones become Strings as usual. */
    static final int LATIN1_FAST_PATH = 1 << 12;

    /**
     * A Python str of characters below U+0100, held one byte per character: how protocols 0-2 carry array data.
     * It behaves as a str wherever one is expected ({@link #text}); as array data it is used without a copy.
     */
    static final class Latin1Text {
        final PyBytes bytes;

        Latin1Text(PyBytes bytes) {
            this.bytes = bytes;
        }

        @Override
        public String toString() {
            return bytes.toLatin1();
        }
    }

    /**
     * Decodes {@code src[from, from+n)} into {@code dst} (at least {@code n} long), one byte per character, when it is
     * UTF-8 of characters below U+0100 only (ASCII, and C2/C3 lead bytes each followed by a continuation byte);
     * returns the characters written, or -1 when it is anything else (the strict decoder then judges it).
     *
     * <p>Branch-free per character: whether a byte leads a pair is data (half the bytes of float data), so a branch
     * on it would be mispredicted half the time. The step is 1 + lead, the value selected by a mask, and validity
     * accumulated into one word tested at the end.
     */
    static int utf8ToLatin1(byte[] src, int from, int n, byte[] dst) {
        int bad = 0;
        int o = 0;
        int i = from;
        int last = from + n - 1;
        while (i < last) {
            int c = src[i];
            int next = src[i + 1];
            int lead = c >>> 31;           // 1 for a byte >= 0x80 (bytes are sign-extended)
            int mask = -lead;
            int pair = ((c & 0x03) << 6) | (next & 0x3f);
            dst[o++] = (byte) ((c & ~mask) | (pair & mask));
            bad |= mask & (((c & 0xfe) ^ 0xc2) | ((next & 0xc0) ^ 0x80));
            i += 1 + lead;
        }
        if (i == last) {                   // a final single byte must be ASCII
            bad |= src[i] & 0x80;
            dst[o++] = src[i];
        }
        return bad == 0 ? o : -1;
    }

    private Object longBytes(int at, int n) {
        if (n > end - pos) {
            throw src.error(at, "length " + n + " exceeds the " + (end - pos) + " bytes that remain");
        }
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = b[pos + n - 1 - i];
        }
        pos += n;
        return normalize(new BigInteger(be));
    }

    private static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** The bytes up to the next newline (protocol 0 arguments); the newline is consumed. */
    private int[] line(int at) {
        int start = pos;
        while (pos < end && b[pos] != '\n') {
            pos++;
        }
        if (pos >= end) {
            throw src.error(at, "a newline-terminated argument runs past the end of the data");
        }
        pos++;
        return new int[] {start, pos - 1};
    }

    private String latin1(int[] line) {
        return new String(b, line[0], line[1] - line[0], StandardCharsets.ISO_8859_1);
    }

    private String asciiLine(int at) {
        int[] l = line(at);
        for (int i = l[0]; i < l[1]; i++) {
            if (b[i] < 0x20) { // also rejects all bytes >= 0x80 (negative)
                throw src.error(at, "a GLOBAL name must be printable ASCII");
            }
        }
        return latin1(l);
    }

    private Object parseInt(int at, int[] line) {
        String s = latin1(line).trim();
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        return integer(at, s);
    }

    private Object parseLong(int at, int[] line) {
        String s = latin1(line).trim();
        if (s.endsWith("L")) {
            s = s.substring(0, s.length() - 1);
        }
        return integer(at, s);
    }

    private Object integer(int at, String s) {
        if (s.length() > 4301 || !s.matches("[+-]?[0-9]{1,4300}")) {
            throw src.error(at, "expected an integer, found '" + printable(s) + "'");
        }
        return normalize(new BigInteger(s.startsWith("+") ? s.substring(1) : s));
    }

    private long parseMemoIndex(int at, int[] line) {
        String s = latin1(line);
        if (!s.matches("[0-9]{1,18}")) {
            throw src.error(at, "expected a memo index, found '" + printable(s) + "'");
        }
        return Long.parseLong(s);
    }

    private Double parseFloat(int at, int[] line) {
        String s = latin1(line).trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf": case "+inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": case "-nan": case "+nan": return Double.NaN;
            default:
                // length first: the pattern is only ever run on short strings
                if (s.length() > 400 || !s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    throw src.error(at, "expected a float, found '" + printable(s) + "'");
                }
                return Double.parseDouble(s);
        }
    }

    /** STRING: a quoted Python 2 str literal with backslash escapes, as bytes. */
    private PyBytes stringOpcode(int at, int[] line) {
        int s = line[0];
        int e = line[1];
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\r' || b[e - 1] == '\t')) {
            e--;
        }
        if (e - s < 2 || b[s] != b[e - 1] || (b[s] != '\'' && b[s] != '"')) {
            throw src.error(at, "the STRING opcode argument must be quoted");
        }
        byte[] out = new byte[e - s - 2];
        int n = 0;
        for (int i = s + 1; i < e - 1; i++) {
            byte c = b[i];
            if (c != '\\' || i + 1 >= e - 1) {
                out[n++] = c;
                continue;
            }
            byte x = b[++i];
            switch (x) {
                case 'n': out[n++] = '\n'; break;
                case 't': out[n++] = '\t'; break;
                case 'r': out[n++] = '\r'; break;
                case 'a': out[n++] = 7; break;
                case 'b': out[n++] = '\b'; break;
                case 'f': out[n++] = '\f'; break;
                case 'v': out[n++] = 11; break;
                case '\\': case '\'': case '"': out[n++] = x; break;
                case 'x': {
                    int h1 = i + 1 < e - 1 ? Character.digit(b[i + 1], 16) : -1;
                    int h2 = i + 2 < e - 1 ? Character.digit(b[i + 2], 16) : -1;
                    if (h1 < 0 || h2 < 0) {
                        throw src.error(at, "invalid \\x escape in a STRING argument");
                    }
                    out[n++] = (byte) (h1 * 16 + h2);
                    i += 2;
                    break;
                }
                default:
                    if (x >= '0' && x <= '7') {
                        int v = x - '0';
                        for (int k = 0; k < 2 && i + 1 < e - 1 && b[i + 1] >= '0' && b[i + 1] <= '7'; k++) {
                            v = v * 8 + (b[++i] - '0');
                        }
                        out[n++] = (byte) v;
                    } else { // unknown escapes stay as they are, as in Python
                        out[n++] = '\\';
                        out[n++] = x;
                    }
            }
        }
        return new PyBytes(Arrays.copyOf(out, n), 0, n, true);
    }

    /** UNICODE: raw-unicode-escape, i.e. latin-1 bytes with {@code \}{@code uXXXX} and {@code \}{@code UXXXXXXXX} escapes. */
    private String rawUnicodeEscape(int at, int[] line) {
        StringBuilder s = new StringBuilder(line[1] - line[0]);
        for (int i = line[0]; i < line[1]; i++) {
            int c = b[i] & 0xff;
            if (c == '\\' && i + 1 < line[1] && (b[i + 1] == 'u' || b[i + 1] == 'U')) {
                int digits = b[i + 1] == 'u' ? 4 : 8;
                if (line[1] - (i + 2) < digits) {
                    throw src.error(at, "truncated \\u escape in a UNICODE argument");
                }
                int cp = 0;
                for (int k = 0; k < digits; k++) {
                    int d = Character.digit(b[i + 2 + k], 16);
                    if (d < 0) {
                        throw src.error(at, "invalid \\u escape in a UNICODE argument");
                    }
                    cp = cp * 16 + d;
                }
                if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                    throw src.error(at, "\\U escape beyond U+10FFFF in a UNICODE argument");
                }
                s.appendCodePoint(cp);
                i += 1 + digits;
            } else {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    private DataFormatException truncated(int at) {
        return src.error(at, "the data ends inside an opcode's argument (truncated file?)");
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 100; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c & 0xffff));
        }
        return s.length() > 100 ? out + "…" : out.toString();
    }

    private static String typeName(Object o) {
        if (o == null) return "None";
        if (o instanceof Boolean) return "bool";
        if (o instanceof Long || o instanceof BigInteger) return "int";
        if (o instanceof Double) return "float";
        if (o instanceof String || o instanceof Latin1Text) return "str";
        if (o instanceof PyBytes) return "bytes";
        if (o instanceof PyTuple) return "tuple";
        if (o instanceof PyList) return "list";
        if (o instanceof PyDict) return "dict";
        if (o instanceof NdArray) return o.toString();
        if (o instanceof ArrayRef) return "ndarray";
        if (o instanceof DType || o instanceof DTypeRef) return "numpy.dtype";
        if (o instanceof NumpyGlobal) return "the global " + o;
        return o.getClass().getSimpleName();
    }

    /** An array between {@code _reconstruct} (REDUCE) and BUILD. */
    private static final class ArrayRef {
        final int at;
        NdArray array;

        ArrayRef(int at) {
            this.at = at;
        }
    }

    /** A dtype between REDUCE and BUILD (which sets the byte order); memo entries share it. */
    private static final class DTypeRef {
        DType dtype;

        DTypeRef(DType dtype) {
            this.dtype = dtype;
        }
    }
}
