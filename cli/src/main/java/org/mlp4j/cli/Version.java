package org.mlp4j.cli;

import org.mlp4j.engine.kernel.CpuCaches;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.VectorSupport;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code mlp4j --version}: our version, the JVM (and why the launcher chose it), and the kernels this JVM would use:
 * their species, register tile and the vector registers and caches it was sized for.
 */
final class Version implements IVersionProvider {
    /** Set by the {@code ./mlp4j} launcher: how it chose the JDK. */
    static final String JDK_REASON_ENV = "MLP4J_JDK_REASON";

    /**
     * Gives every subcommand (at any depth) this version provider, so that the {@code -V, --version} their help
     * lists prints the version there too (picocli's standard options only print what a command's own spec holds).
     */
    static void applyToSubcommands(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null && sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().versionProvider(new Version());
            }
            applyToSubcommands(sub);
        }
    }

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        String reason = System.getenv(JDK_REASON_ENV);
        VectorSupport vector = KernelsProvider.vector();
        String shape = vector == null ? "" : "; " + vector.registers() + " vector registers, " + CpuCaches.local();
        return new String[] {
            "mlp4j " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
                    + (reason == null || reason.isBlank() ? "" : ": " + reason),
            "kernels: " + KernelsProvider.create().describe() + shape,
        };
    }
}
