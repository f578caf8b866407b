package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The settings read at call time ({@code mlp4j.threads}, {@code mlp4j.train.parallel}) see a property set after the
 * class was loaded, and reject a value that is not allowed by naming the property.
 */
class KernelSettingsTest {

    /** Runs {@code body} with {@code name} set to {@code value} (null: unset), then restores what was there. */
    private static void with(String name, String value, Runnable body) {
        String saved = System.getProperty(name);
        try {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
            body.run();
        } finally {
            if (saved == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, saved);
            }
        }
    }

    @Test
    void threadsIsReadWhenAskedForAndZeroWhenUnset() {
        with(KernelSettings.THREADS_PROPERTY, " 3 ", () -> assertEquals(3, KernelSettings.threads()));
        with(KernelSettings.THREADS_PROPERTY, null, () -> assertEquals(0, KernelSettings.threads()));
    }

    @Test
    void threadsMustBePositive() {
        for (String bad : new String[] {"0", "-2", "two"}) {
            with(KernelSettings.THREADS_PROPERTY, bad, () -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelSettings::threads);
                assertTrue(e.getMessage().contains("mlp4j.threads") && e.getMessage().contains(bad), e.getMessage());
            });
        }
    }

    @Test
    void trainParallelIsOneOfThreeWordsAndAutoByDefault() {
        with(KernelSettings.TRAIN_PARALLEL_PROPERTY, null, () -> assertEquals("auto", KernelSettings.trainParallel()));
        with(KernelSettings.TRAIN_PARALLEL_PROPERTY, " Data", () -> assertEquals("data", KernelSettings.trainParallel()));
        with(KernelSettings.TRAIN_PARALLEL_PROPERTY, "gemm", () -> assertEquals("gemm", KernelSettings.trainParallel()));
        with(KernelSettings.TRAIN_PARALLEL_PROPERTY, "threads", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelSettings::trainParallel);
            assertTrue(e.getMessage().contains("mlp4j.train.parallel"), e.getMessage());
        });
    }
}
