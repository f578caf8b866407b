package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlp4j.formats.DataFormatException;

/** Pickles that try to run code or exhaust memory: refused by name and byte offset, with no side effect. */
class HostilePickleTest {
    @TempDir
    Path dir;

    private DataFormatException refuse(byte[] pickle) throws Exception {
        Path f = dir.resolve("evil.pkl");
        Files.write(f, pickle);
        return assertThrows(DataFormatException.class, () -> PickleDatasets.read(f, null, null, null));
    }

    @ParameterizedTest
    @CsvSource({"os,system", "posix,system", "builtins,eval", "subprocess,Popen", "__builtin__,eval", "numpy,load"})
    void globalOpcodeNamingAnythingElseIsRefused(String module, String name) throws Exception {
        Path marker = dir.resolve("pwned");
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(2).op(']').op('(');
        int at = p.pos();
        p.text("c" + module + "\n" + name + "\n").string("touch " + marker).op(0x85).op('R').op('e').op('.');
        DataFormatException e = refuse(p.bytes());
        assertEquals("byte " + at, e.position());
        assertEquals(dir.resolve("evil.pkl") + ": byte " + at + ": refusing global '" + module + "." + name
                + "': pickles may only hold NumPy arrays and plain containers", e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @ParameterizedTest
    @CsvSource({"os,system", "builtins,eval", "subprocess,Popen"})
    void stackGlobalNamingAnythingElseIsRefused(String module, String name) throws Exception {
        Path marker = dir.resolve("pwned");
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(4).op(0x95).le(0, 8).shortBinUnicode(module).op(0x94).shortBinUnicode(name).op(0x94);
        int at = p.pos();
        p.op(0x93).op(0x94).shortBinUnicode("touch " + marker).op(0x85).op('R').op('.');
        DataFormatException e = refuse(p.bytes());
        assertEquals("byte " + at, e.position());
        assertTrue(e.getMessage().endsWith("refusing global '" + module + "." + name
                + "': pickles may only hold NumPy arrays and plain containers"), e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void binbytesClaimingTwoGibibytesInATwentyByteFileIsRefusedWithoutAllocating() throws Exception {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(3).op('B').le(0x80000000L, 4).text("0123456789abc");
        assertEquals(20, p.bytes().length);
        DataFormatException e = refuse(p.bytes());
        assertEquals("byte 2", e.position());
        assertTrue(e.getMessage().contains("length 2147483648 exceeds the 13 bytes that remain"), e.getMessage());
    }

    @Test
    void eightByteLengthsAreCheckedToo() throws Exception {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(5).op(0x96).le(-1L, 8).text("xyz.");
        assertTrue(refuse(p.bytes()).getMessage().contains("length 18446744073709551615 exceeds"));
        PickleBuilder q = new PickleBuilder();
        q.op(0x80).u8(4).op(0x95).le(1L << 40, 8).op('N').op('.');
        assertTrue(refuse(q.bytes()).getMessage().contains("FRAME of 1099511627776 bytes"));
    }

    @Test
    void deepMarkNestingIsAnErrorNotAStackOverflow() throws Exception {
        PickleBuilder p = new PickleBuilder();
        for (int i = 0; i < 100_000; i++) {
            p.op('(').op(']');
        }
        DataFormatException e = refuse(p.bytes());
        assertTrue(e.getMessage().contains("MARKs nest deeper than 1000"), e.getMessage());
        assertEquals("byte " + 2 * 1000, e.position());
    }

    @Test
    void deepContainerNestingWithoutMarksIsAnError() throws Exception {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(2).op('N');
        for (int i = 0; i < 100_000; i++) {
            p.op(0x85);
        }
        p.op('.');
        assertTrue(refuse(p.bytes()).getMessage().contains("containers nest deeper than 1000"));
        PickleBuilder lists = new PickleBuilder();
        lists.op(0x80).u8(2);
        for (int i = 0; i < 100_000; i++) {
            lists.op(']');
        }
        for (int i = 0; i < 100_000; i++) {
            lists.op('a'); // each list goes into the one below it: [[[[...]]]]
        }
        lists.op('.');
        assertTrue(assertThrows(DataFormatException.class, () -> Unpickler.loadAll(lists.bytes(), "x"))
                .getMessage().contains("containers nest deeper than 1000"));
    }

    @Test
    void persistentIdsAreRefused() throws Exception {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(2).op('X').le(1, 4).text("a").op('Q').op('.');
        DataFormatException e = refuse(p.bytes());
        assertEquals("byte 8", e.position());
        assertTrue(e.getMessage().contains("byte 8: refusing a persistent id: "), e.getMessage());
        assertTrue(refuse("Pabc\n.".getBytes()).getMessage().contains("persistent id"));
    }

    @Test
    void outOfBandBuffersAreRefused() throws Exception {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(5).op(0x97).op(0x98).op('.');
        DataFormatException e = refuse(p.bytes());
        assertEquals("byte 2", e.position());
        assertTrue(e.getMessage().contains("out-of-band buffer"), e.getMessage());
    }

    @Test
    void extensionCodesInstAndObjAreRefused() throws Exception {
        assertTrue(refuse(new byte[] {(byte) 0x80, 2, (byte) 0x82, 1, '.'}).getMessage().contains("EXT1"));
        assertTrue(refuse("(ios\nsystem\nS'ls'\n.".getBytes()).getMessage().contains("INST"));
        assertTrue(refuse("(cos\nsystem\nS'ls'\no.".getBytes()).getMessage().contains("byte 1: refusing global 'os.system': "));
        assertTrue(refuse("(]o.".getBytes()).getMessage().contains("OBJ"));
    }

    @Test
    void allowedGlobalsCannotBeMisapplied() throws Exception {
        // bytes(10**10) would allocate; only bytes() is allowed
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(2).text("c__builtin__\nbytes\n").op(0x8a).u8(5).le(10_000_000_000L, 5).op(0x85).op('R').op('.');
        assertTrue(refuse(p.bytes()).getMessage().contains("refusing bytes() with arguments"));
        // REDUCE on a list or a str is not a call
        assertTrue(refuse("(S'x'\n(tR.".getBytes()).getMessage().contains("REDUCE on"));
        // _reconstruct of anything but numpy.ndarray
        PickleBuilder q = new PickleBuilder();
        q.op(0x80).u8(2).text("cnumpy.core.multiarray\n_reconstruct\n").text("cnumpy\ndtype\n").op('K').u8(0)
                .op(0x85).shortBinString("b").op(0x87).op('R').op('.');
        assertTrue(refuse(q.bytes()).getMessage().contains("_reconstruct expects (numpy.ndarray"));
    }

    @Test
    void arrayDataMustMatchTheShape() throws Exception {
        // _frombuffer(b'\0' * 4, dtype('f8'), (100,), 'C')
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(5).shortBinUnicode("numpy.core.numeric").shortBinUnicode("_frombuffer").op(0x93).op('(')
                .op('C').u8(4).le(0, 4)
                .shortBinUnicode("numpy").shortBinUnicode("dtype").op(0x93).shortBinUnicode("f8").op(0x89).op(0x88)
                .op(0x87).op('R').op('K').u8(100).op(0x85).shortBinUnicode("C").op('t').op('R').op('.');
        assertTrue(refuse(p.bytes()).getMessage().contains("needs 800 bytes, found 4"));
    }

    @Test
    void longNumericLinesFailFast() {
        String digits = "1".repeat(200_000);
        assertThrows(DataFormatException.class, () -> Unpickler.loadAll(("F" + digits + "x\n.").getBytes(), "x"));
        assertThrows(DataFormatException.class, () -> Unpickler.loadAll(("I" + digits + "\n.").getBytes(), "x"));
    }

    @Test
    void memoIsBounded() {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(4).op('N');
        for (int i = 0; i <= Unpickler.MAX_MEMO; i++) {
            p.op(0x94);
        }
        p.op('.');
        assertTrue(assertThrows(DataFormatException.class, () -> Unpickler.loadAll(p.bytes(), "x"))
                .getMessage().contains("memo entries"));
    }
}
