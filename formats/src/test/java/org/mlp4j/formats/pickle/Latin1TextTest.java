package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The branch-free decoder of protocol 0-2 array data agrees with the JDK's UTF-8 decoder, and refuses the rest. */
class Latin1TextTest {
    private static int decode(byte[] utf8, byte[] out) {
        return Unpickler.utf8ToLatin1(utf8, 0, utf8.length, out);
    }

    @Test
    void everyLatin1CharacterDecodesToItsOwnByte() {
        byte[] latin1 = new byte[256 * 3 + 1];
        for (int i = 0; i < latin1.length; i++) {
            latin1[i] = (byte) (i * 7);
        }
        byte[] utf8 = new String(latin1, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length];
        assertEquals(latin1.length, decode(utf8, out));
        assertArrayEquals(latin1, java.util.Arrays.copyOf(out, latin1.length));
    }

    @Test
    void charactersBeyondLatin1AreLeftToTheStrictDecoder() {
        assertEquals(-1, decode("price in €".getBytes(StandardCharsets.UTF_8), new byte[16]));
    }

    @Test
    void aLeadByteWithoutItsContinuationIsRefused() {
        assertEquals(-1, decode(new byte[] {'a', (byte) 0xc3}, new byte[2]));
        assertEquals(-1, decode(new byte[] {(byte) 0xc3, 'a', 'b'}, new byte[3]));
        assertEquals(-1, decode(new byte[] {(byte) 0x80, 'a'}, new byte[2]));
    }
}
