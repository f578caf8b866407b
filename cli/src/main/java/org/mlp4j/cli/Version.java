package org.mlp4j.cli;

import org.mlp4j.engine.kernel.KernelsProvider;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/** {@code mlp4j --version}: our version, the JVM and the kernels this JVM would use. */
final class Version implements IVersionProvider {
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
        return new String[] {
            "mlp4j " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
            "kernels: " + KernelsProvider.create().describe(),
        };
    }
}
