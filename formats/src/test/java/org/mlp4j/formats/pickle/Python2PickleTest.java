package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.formats.numpy.DType;
import org.mlp4j.formats.numpy.NdArray;

/**
 * Python 2 pickles of NumPy arrays, built opcode by opcode from the pickle specification: array data and dict
 * keys are Python 2 {@code str} (STRING / SHORT_BINSTRING, read as latin-1 bytes), the reconstructor is the
 * GLOBAL {@code numpy.core.multiarray\n_reconstruct\n}, and BUILD gets {@code (1, shape, dtype, is_fortran, rawdata)}.
 */
class Python2PickleTest {

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** {'inputs': float32 (2, 2) [[0.5, -1], [2, 3.25]], 'labels': uint8 [1, 0]} at protocol 0, as cPickle wrote it. */
    @Test
    void protocol0DictOfArrays() {
        PickleBuilder p = new PickleBuilder();
        p.text("(dp0\n").string("inputs").text("p1\n");
        array0(p, 2, "(I2\nI2\ntp10\n", "f4", "<", floats(0.5f, -1f, 2f, 3.25f));
        p.text("s").string("labels").text("p20\n");
        array0(p, 21, "(I2\ntp30\n", "u1", "|", new byte[] {1, 0});
        p.text("s.");
        Map<?, ?> d = assertInstanceOf(Map.class, Unpickler.loadAll(p.bytes(), "py2.pkl").get(0));
        assertEquals(List.of("inputs", "labels"), List.copyOf(d.keySet()));
        NdArray x = (NdArray) d.get("inputs");
        assertArrayEquals(new long[] {2, 2}, x.shape());
        assertArrayEquals(new float[] {0.5f, -1f, 2f, 3.25f}, x.toFloatArray());
        NdArray y = (NdArray) d.get("labels");
        assertEquals(DType.UINT8, y.dtype());
        assertArrayEquals(new long[] {1, 0}, y.toLongArray());
    }

    private static void array0(PickleBuilder p, int memo, String shape, String descr, String order, byte[] raw) {
        p.text("cnumpy.core.multiarray\n_reconstruct\np" + memo + "\n")
                .text("(cnumpy\nndarray\np" + (memo + 1) + "\n(I0\ntp" + (memo + 2) + "\n").string("b")
                .text("p" + (memo + 3) + "\ntp" + (memo + 4) + "\nRp" + (memo + 5) + "\n")
                .text("(I1\n" + shape)
                .text("cnumpy\ndtype\np" + (memo + 6) + "\n(").string(descr).text("I0\nI1\ntRp" + (memo + 7) + "\n")
                .text("(I3\n").string(order).text("NNNI-1\nI-1\nI0\ntb")
                .text("I00\n").string(raw).text("tb");
    }

    /** (x, y) at protocol 2: SHORT_BINSTRING data, BINPUT/BINGET sharing the dtype, NEWTRUE/NEWFALSE. */
    @Test
    void protocol2TupleWithSharedDtypeAndFortranArray() {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(2);
        p.text("cnumpy.core.multiarray\n_reconstruct\n").op('q').u8(0);
        p.text("cnumpy\nndarray\n").op('q').u8(1);
        p.op('K').u8(0).op(0x85).shortBinString("b").op(0x87).op('R').op('q').u8(2);
        // state: (1, (2, 3), dtype('<i2'), True, data in Fortran order)
        p.op('(').op('K').u8(1).op('K').u8(2).op('K').u8(3).op(0x86);
        p.text("cnumpy\ndtype\n").op('q').u8(3).shortBinString("i2").op('K').u8(0).op('K').u8(1).op(0x87).op('R');
        p.op('q').u8(4);
        p.op('(').op('K').u8(3).shortBinString("<").op('N').op('N').op('N')
                .op('J').le(-1, 4).op('J').le(-1, 4).op('K').u8(0).op('t').op('b');
        p.op(0x88);
        // logical [[1, 2, 3], [4, 5, 6]] stored column by column: 1 4 2 5 3 6
        p.shortBinString(new byte[] {1, 0, 4, 0, 2, 0, 5, 0, 3, 0, 6, 0});
        p.op('t').op('b');
        // second array reuses the reconstructor, ndarray and dtype through the memo: [7, -8] int16
        p.op('h').u8(0).op('h').u8(1).op('K').u8(0).op(0x85).shortBinString("b").op(0x87).op('R');
        p.op('(').op('K').u8(1).op('K').u8(2).op(0x85).op('h').u8(4).op(0x89)
                .shortBinString(new byte[] {7, 0, (byte) 0xf8, (byte) 0xff}).op('t').op('b');
        p.op(0x86).op('.');
        List<?> t = assertInstanceOf(List.class, Unpickler.loadAll(p.bytes(), "py2.pkl").get(0));
        NdArray x = (NdArray) t.get(0);
        assertArrayEquals(new long[] {2, 3}, x.shape());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, x.toLongArray());
        assertArrayEquals(new long[] {7, -8}, ((NdArray) t.get(1)).toLongArray());
        assertEquals(DType.INT16, ((NdArray) t.get(1)).dtype());
    }

    @Test
    void protocol0StringEscapesAndLongs() {
        PickleBuilder p = new PickleBuilder();
        p.text("(S'a\\'b\\n\\x41\\101\\\\'\nL12345678901234567890L\nI-7\nF0.25\ntp0\n.");
        List<?> t = (List<?>) Unpickler.loadAll(p.bytes(), "py2.pkl").get(0);
        assertEquals("a'b\nAA\\", ((PyBytes) t.get(0)).toLatin1());
        assertEquals(new java.math.BigInteger("12345678901234567890"), t.get(1));
        assertEquals(-7L, t.get(2));
        assertEquals(0.25, t.get(3));
    }
}
