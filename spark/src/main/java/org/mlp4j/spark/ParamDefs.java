package org.mlp4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.train.LearningRateSchedule;
import org.mlp4j.spark.train.Strategy;
import scala.Function1;

/**
 * The training params shared by {@link Mlp4jClassifier} and {@link Mlp4jRegressor}: one factory per param (each
 * stage owns its own instances, as Spark requires) and their defaults. Names follow MLPC where the meaning is the
 * same ({@code layers}, {@code maxIter}, {@code stepSize}, {@code solver}, {@code seed}).
 */
final class ParamDefs {
    static final String SOLVERS = "sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad";

    private ParamDefs() {
    }

    static IntArrayParam layers(Params owner) {
        return new IntArrayParam(owner, "layers", "widths of the layers, input first and output last "
                + "(for the classifier the output width is the number of classes)",
                valid((int[] a) -> a.length >= 2 && Arrays.stream(a).allMatch(w -> w > 0)));
    }

    static IntParam maxIter(Params owner) {
        return new IntParam(owner, "maxIter", "epochs: passes over the training data (>= 0)", ParamValidators.gtEq(0));
    }

    static IntParam batchSize(Params owner) {
        return new IntParam(owner, "batchSize", "rows per minibatch step (>= 1)", ParamValidators.gtEq(1));
    }

    static DoubleParam stepSize(Params owner) {
        return new DoubleParam(owner, "stepSize", "initial learning rate (> 0); unset: the solver's default "
                + "(0.1 for sgd/momentum/nesterov, 1e-3 for adam/adamw, 1e-2 for rmsprop/adagrad)",
                ParamValidators.gt(0));
    }

    static Param<String> solver(Params owner) {
        return new Param<>(owner, "solver", "optimizer: " + SOLVERS,
                valid((String s) -> Arrays.asList(SOLVERS.split(", ")).contains(s)));
    }

    static DoubleParam momentum(Params owner) {
        return new DoubleParam(owner, "momentum", "momentum (momentum, nesterov) or beta1 (adam, adamw), in [0, 1)",
                ParamValidators.inRange(0, 1, true, false));
    }

    static LongParam seed(Params owner) {
        return new LongParam(owner, "seed", "seed of initialisation, shuffling and dropout");
    }

    static Param<String> activation(Params owner, String name, String doc) {
        return new Param<>(owner, name, doc + ": identity, sigmoid, tanh, relu, leaky-relu, softmax",
                valid((String s) -> parses(() -> Activation.parse(s))));
    }

    static Param<String> loss(Params owner) {
        return new Param<>(owner, "loss", "loss: ce (softmax outputs), bce (sigmoid outputs), mse",
                valid((String s) -> parses(() -> Loss.parse(s))));
    }

    static DoubleParam l2(Params owner) {
        return new DoubleParam(owner, "l2", "L2 penalty on the weights, (l2/2)·Σw² added to the loss (>= 0)",
                ParamValidators.gtEq(0));
    }

    static DoubleParam weightDecay(Params owner) {
        return new DoubleParam(owner, "weightDecay", "decoupled weight decay, as torch.optim.AdamW (>= 0)",
                ParamValidators.gtEq(0));
    }

    static DoubleParam dropout(Params owner) {
        return new DoubleParam(owner, "dropout", "dropout rate of the hidden layers, in [0, 1)",
                ParamValidators.inRange(0, 1, true, false));
    }

    static Param<String> schedule(Params owner) {
        return new Param<>(owner, "schedule", "learning-rate schedule per epoch: constant, step:F[:N], exp:G, cosine, "
                + "plateau:FACTOR:PATIENCE", valid((String s) -> parses(() -> LearningRateSchedule.parse(s))));
    }

    static Param<String> strategy(Params owner) {
        return new Param<>(owner, "strategy", "how partitions combine: averaging (local epochs, then parameter "
                + "averaging), gradients (a Spark job per step), barrier (barrier tasks exchanging gradients each step)",
                valid((String s) -> parses(() -> Strategy.parse(s))));
    }

    static IntParam averagingEpochs(Params owner) {
        return new IntParam(owner, "averagingEpochs", "local epochs between parameter averaging rounds (>= 1)",
                ParamValidators.gtEq(1));
    }

    static IntParam threadsPerTask(Params owner) {
        return new IntParam(owner, "threadsPerTask", "mlp4j threads inside each training task; 0: spark.task.cpus",
                ParamValidators.gtEq(0));
    }

    /** A serializable validator (stages, and so their params, travel inside Spark closures). */
    private static <T> Function1<T, Object> valid(SerializablePredicate<T> test) {
        return (Function1<T, Object> & Serializable) v -> {
            try {
                return test.test(v);
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @FunctionalInterface
    interface SerializablePredicate<T> extends Serializable {
        boolean test(T value);
    }
}
