package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Kernel selection: {@code mlp4j.kernels=auto|vector|scalar}, and the fallback when the module is absent. */
class KernelsProviderTest {

    @Test
    void autoPicksTheVectorKernelsWhenTheModuleIsPresent() {
        assertTrue(KernelsProvider.vectorModulePresent(), "tests run with --add-modules jdk.incubator.vector");
        Kernels k = KernelsProvider.create("auto", 2);
        assertEquals("vector", k.name());
        assertTrue(k.describe().startsWith("vector ("), k.describe());
    }

    @Test
    void scalarCanBeForced() {
        Kernels k = KernelsProvider.create("scalar", 4);
        assertEquals("scalar", k.name());
        assertEquals(1, k.threads());
    }

    @Test
    void anUnknownChoiceIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelsProvider.create("gpu", 1));
        assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
    }

    @Test
    void withoutTheModuleAutoFallsBackToScalarWithOneLineOfAdvice() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Path classes = Paths.get(KernelsProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(java, "-cp", classes.toString() + File.pathSeparator
                + Paths.get(getClass().getProtectionDomain().getCodeSource().getLocation().toURI()),
                PrintKernels.class.getName()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), err);
        assertEquals("scalar", out);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("--add-modules jdk.incubator.vector"), err);
    }

    /** Run in a child JVM without the incubator module. */
    public static final class PrintKernels {
        public static void main(String[] args) {
            System.out.println(KernelsProvider.create("auto", 1).name());
        }
    }
}
