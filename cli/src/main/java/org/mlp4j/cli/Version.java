package org.mlp4j.cli;

import org.mlp4j.engine.kernel.KernelsProvider;
import picocli.CommandLine.IVersionProvider;

/** {@code mlp4j --version}: our version, the JVM and the kernels this JVM would use. */
final class Version implements IVersionProvider {
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
