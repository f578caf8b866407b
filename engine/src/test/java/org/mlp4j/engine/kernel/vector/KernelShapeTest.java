package org.mlp4j.engine.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.kernel.CpuCaches;
import org.mlp4j.engine.kernel.KernelSettings;

/**
 * The register tile follows the species and the register count; blocks follow the caches. When the build forks
 * this class with {@code -XX:MaxVectorSize} or {@code -XX:UseAVX} it also checks that the JVM really runs the width
 * the fork was for ({@code -Dmlp4j.test.bits=N}: exactly N; {@code -Dmlp4j.test.maxBits=N}: at most N).
 */
class KernelShapeTest {

    @Test
    void theTileFollowsTheRegistersAndTheJit() {
        assertEquals(16, KernelShape.registers("amd64", 256));
        assertEquals(16, KernelShape.registers("amd64", 128));
        assertEquals(32, KernelShape.registers("amd64", 512));
        assertEquals(32, KernelShape.registers("aarch64", 128));
        assertEquals(KernelShape.rows(KernelSettings.GEMM_MR, KernelShape.REGISTERS, Runtime.version().feature()),
                KernelShape.MR);
        assertEquals(8, KernelShape.rows(0, 32, 17), "32 registers: 8×2 vectors");
        assertEquals(6, KernelShape.rows(0, 16, 17), "16 registers, JDK 17's C2: 6×2 vectors");
        assertEquals(4, KernelShape.rows(0, 16, 25), "16 registers, JDK 25's C2: 4×2 vectors");
        assertEquals(6, KernelShape.rows(6, 16, 25), "the override wins");
        assertThrows(IllegalArgumentException.class, () -> KernelShape.rows(5, 16, 17));
        assertEquals(2 * KernelShape.L, KernelShape.NR);
        // accumulators, two B vectors and one broadcast A fit the registers
        assertTrue(2 * KernelShape.MR + 3 <= KernelShape.REGISTERS);
    }

    @Test
    void everyKernelUsesTheOneSpecies() {
        assertEquals(KernelShape.S, VectorKernels.S);
        assertEquals(KernelShape.L, VectorKernels.lanes());
    }

    @Test
    void aWiderSpeciesThanTheJvmOffersIsRefused() {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertThrows(IllegalArgumentException.class, () -> KernelShape.species(preferred * 2));
        assertEquals(128, KernelShape.species(128).vectorBitSize());
    }

    @Test
    void theRowBlockTakesAboutFortyPercentOfL2InWholeTiles() {
        CpuCaches zen5 = new CpuCaches(48 << 10, 1 << 20, 4 << 20, true);
        assertEquals(200, GemmBlocking.mc(0, zen5, 512, 8));
        CpuCaches zen3 = new CpuCaches(32 << 10, 512 << 10, 4 << 20, true);
        assertEquals(102, GemmBlocking.mc(0, zen3, 512, 6));
        assertEquals(96, GemmBlocking.mc(100, zen3, 512, 8)); // an override is rounded to whole tiles
    }

    @Test
    void thePanelWidthFollowsTheL3ShareWithinBounds() {
        assertEquals(2048, GemmBlocking.nc(0, new CpuCaches(32 << 10, 1 << 20, 4 << 20, true), 512, 32));
        assertEquals(4096, GemmBlocking.nc(0, new CpuCaches(32 << 10, 1 << 20, 64 << 20, true), 512, 32));
        assertEquals(1024, GemmBlocking.nc(0, new CpuCaches(32 << 10, 1 << 20, 1 << 20, true), 512, 16));
    }

    @Test
    void theForkedJvmRunsTheWidthItWasForkedFor() {
        Integer exact = Integer.getInteger("mlp4j.test.bits");
        Integer max = Integer.getInteger("mlp4j.test.maxBits");
        int bits = KernelShape.S.vectorBitSize();
        if (exact != null) {
            assertEquals(exact.intValue(), bits);
        }
        if (max != null) {
            assertTrue(bits <= max && bits >= 128, bits + " bits, expected 128.." + max);
        }
    }
}
