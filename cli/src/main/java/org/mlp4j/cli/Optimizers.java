package org.mlp4j.cli;

import java.util.function.Supplier;
import org.mlp4j.engine.train.Optimizer;
import org.mlp4j.engine.train.Sgd;

/** {@code --optimizer NAME} to an optimizer factory. */
final class Optimizers {
    private Optimizers() {
    }

    static Supplier<Optimizer> parse(String name) {
        switch (name) {
            case "sgd":
                return Sgd::new;
            default:
                throw new UsageException("--optimizer must be sgd, got '" + name + "'");
        }
    }
}
