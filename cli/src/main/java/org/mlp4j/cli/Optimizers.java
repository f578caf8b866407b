package org.mlp4j.cli;

import java.util.function.Supplier;
import org.mlp4j.engine.train.Adagrad;
import org.mlp4j.engine.train.Adam;
import org.mlp4j.engine.train.Momentum;
import org.mlp4j.engine.train.Optimizer;
import org.mlp4j.engine.train.RmsProp;
import org.mlp4j.engine.train.Sgd;

/** {@code --optimizer NAME} and its hyper-parameters to an optimizer factory, with PyTorch's defaults. */
final class Optimizers {
    static final String NAMES = "sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad";

    private Optimizers() {
    }

    /** The default learning rate of each optimizer when {@code --lr} is not given. */
    static double defaultLearningRate(String name) {
        switch (name) {
            case "adam":
            case "adamw":
                return 1e-3;
            case "rmsprop":
            case "adagrad":
                return 1e-2;
            default:
                return 0.1;
        }
    }

    static Supplier<Optimizer> create(String name, Double momentum, Double beta1, Double beta2, Double eps) {
        double m = momentum == null ? 0.9 : momentum;
        double b1 = beta1 == null ? 0.9 : beta1;
        double b2 = beta2 == null ? 0.999 : beta2;
        try {
            switch (name) {
                case "sgd":
                    return Sgd::new;
                case "momentum":
                    new Momentum(m, false);
                    return () -> new Momentum(m, false);
                case "nesterov":
                    new Momentum(m, true);
                    return () -> new Momentum(m, true);
                case "adam":
                case "adamw": {
                    double e = eps == null ? 1e-8 : eps;
                    boolean w = name.equals("adamw");
                    new Adam(b1, b2, e, w);
                    return () -> new Adam(b1, b2, e, w);
                }
                case "rmsprop": {
                    double e = eps == null ? 1e-8 : eps;
                    new RmsProp(0.99, e);
                    return () -> new RmsProp(0.99, e);
                }
                case "adagrad": {
                    double e = eps == null ? 1e-10 : eps;
                    new Adagrad(e);
                    return () -> new Adagrad(e);
                }
                default:
                    throw new UsageException("--optimizer must be one of " + NAMES + ", got '" + name + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--optimizer " + name + ": " + e.getMessage());
        }
    }
}
