package org.mlp4j.formats.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.Split;

/** Which keys of a container are a split's features and labels, decided on the names alone. */
class KeyPairsTest {
    private static final List<String> KERAS = List.of("x_train", "y_train", "x_test", "y_test");

    @Test
    void eachSplitHasItsOwnKeyPair() {
        assertEquals(new KeyPairs.Pick("x_train", "y_train"), KeyPairs.select(KERAS, "f", null, null, Split.TRAIN));
        assertEquals(new KeyPairs.Pick("x_test", "y_test"), KeyPairs.select(KERAS, "f", null, null, Split.TEST));
        assertNull(KeyPairs.select(KERAS, "f", null, null, Split.VALID));
        assertEquals(List.of(Split.TRAIN, Split.TEST), KeyPairs.splits(KERAS));
    }

    @Test
    void aNamedFeatureKeyFindsItsPartnerWhateverTheSplit() {
        assertEquals(new KeyPairs.Pick("x_test", "y_test"), KeyPairs.select(KERAS, "f", "x_test", null, Split.TRAIN));
        assertEquals(new KeyPairs.Pick("y_test", null),
                KeyPairs.select(List.of("y_test"), "f", "y_test", null, Split.TRAIN));
    }

    @Test
    void missingKeysAndUnknownLayoutsAreErrorsNamingTheKeys() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> KeyPairs.select(KERAS, "f.npz", "inputs", null, Split.TRAIN));
        assertEquals("f.npz: key 'inputs': no key 'inputs'; the file holds keys " + KERAS, e.getMessage());
        DataFormatException none = assertThrows(DataFormatException.class,
                () -> KeyPairs.select(List.of("a", "b"), "f.npz", null, null, Split.TRAIN));
        assertTrue(none.getMessage().contains("found none of the key pairs"), none.getMessage());
        assertEquals(List.of(), KeyPairs.splits(List.of("a", "b")));
        assertEquals(List.of(Split.TRAIN), KeyPairs.splits(List.of("only")));
    }
}
