package org.mlp4j.cli;

import java.util.concurrent.Callable;
import org.mlp4j.datasets.NamedDatasets;
import picocli.CommandLine.Command;

/** {@code mlp4j datasets}: the named datasets and where each is (or how to get it). */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the named datasets and where each was found (or how to get it).")
final class DatasetsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (NamedDatasets.Entry e : NamedDatasets.list()) {
            System.out.printf("%-14s %s%n%14s %s%n", e.name(), e.description(), "", e.status());
        }
        return 0;
    }
}
