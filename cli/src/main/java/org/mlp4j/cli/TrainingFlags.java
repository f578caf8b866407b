package org.mlp4j.cli;

import java.nio.file.Path;
import org.mlp4j.engine.train.EarlyStopping;
import org.mlp4j.engine.train.LearningRateSchedule;
import org.mlp4j.engine.train.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The optimizer and training-control flags of {@code train} (names are a contract for scripts). Their values are
 * recorded in the model file's {@code training} section and in checkpoints, as part of {@link RunSettings}.
 */
final class TrainingFlags {
    @Option(names = "--optimizer", paramLabel = "O", defaultValue = "sgd",
            description = "sgd, momentum, nesterov, adam, adamw, rmsprop or adagrad. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "ETA",
            description = "Learning rate (default: 0.1 for sgd/momentum/nesterov, 0.001 for adam/adamw, 0.01 for rmsprop/adagrad).")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "M", description = "Momentum of momentum/nesterov. Default: 0.9.")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "B", description = "Adam's β₁. Default: 0.9.")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "B", description = "Adam's β₂. Default: 0.999.")
    Double beta2;

    @Option(names = "--eps", paramLabel = "E", description = "ε of adam/adamw/rmsprop (default 1e-8) and adagrad (1e-10).")
    Double eps;

    @Option(names = "--l2", paramLabel = "L",
            description = "L2 penalty λ: adds (λ/2)·Σ‖W‖² to the loss and λ·W to the weight gradients (cs231n's reg). Default: 0.")
    double l2;

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "Decoupled weight decay: θ ← θ − η·W·θ before each update (default 0; 0.01 for adamw).")
    Double weightDecay;

    @Option(names = "--dropout", paramLabel = "P", description = "Inverted dropout rate on every hidden layer while training. Default: 0.")
    double dropout;

    @Option(names = "--clip-norm", paramLabel = "C", description = "Clip the global gradient norm to C. Default: no clipping.")
    double clipNorm;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant",
            description = "Learning-rate schedule: constant, step:F[:N], exp:G, cosine, plateau:FACTOR:PATIENCE. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--batches", paramLabel = "shuffle|random", defaultValue = "shuffle",
            description = "shuffle: every row once per epoch, reshuffled; random: batches drawn with replacement. Default: ${DEFAULT-VALUE}.")
    String batches;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop after PATIENCE epochs without improvement of --monitor, restoring the best epoch's parameters.")
    Integer patience;

    @Option(names = "--min-delta", paramLabel = "D", defaultValue = "0",
            description = "Smallest change that counts as an improvement. Default: ${DEFAULT-VALUE}.")
    double minDelta;

    @Option(names = "--monitor", paramLabel = "M",
            description = "loss, accuracy, val_loss or val_accuracy (default: val_loss with validation data, else loss).")
    String monitor;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write checkpoints here (atomically), and on Ctrl-C.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1",
            description = "Epochs between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue a run from its checkpoint (bit-identical to an uninterrupted run).")
    Path resume;

    @Option(names = "--history", paramLabel = "FILE.csv",
            description = "Write the per-epoch history (epoch, loss, accuracy, val metrics, lr, seconds) as CSV.")
    Path history;

    double learningRate() {
        return learningRate != null ? learningRate : Optimizers.defaultLearningRate(optimizer);
    }

    double weightDecay() {
        return weightDecay != null ? weightDecay : optimizer.equals("adamw") ? 0.01 : 0;
    }

    /** Applies these flags to {@code b}; {@code hasValidation} picks early stopping's default monitor. */
    TrainingOptions.Builder apply(TrainingOptions.Builder b, boolean hasValidation) {
        try {
            b.learningRate(learningRate())
                    .optimizer(Optimizers.create(optimizer, momentum, beta1, beta2, eps))
                    .l2(l2).weightDecay(weightDecay()).dropout(dropout).clipNorm(clipNorm)
                    .schedule(LearningRateSchedule.parse(schedule));
            switch (batches) {
                case "shuffle": b.batching(TrainingOptions.Batching.SHUFFLE); break;
                case "random": b.batching(TrainingOptions.Batching.RANDOM); break;
                default: throw new UsageException("--batches must be shuffle or random, got '" + batches + "'");
            }
            if (patience != null) {
                String m = monitor != null ? monitor : hasValidation ? "val_loss" : "loss";
                EarlyStopping.Monitor mon = EarlyStopping.Monitor.parse(m);
                if (mon.id().startsWith("val_") && !hasValidation) {
                    throw new UsageException("--monitor " + m + " needs validation data (--validation-split or --validation)");
                }
                b.earlyStopping(new EarlyStopping(mon, minDelta, patience, true));
            } else if (monitor != null) {
                throw new UsageException("--monitor needs --early-stopping PATIENCE");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (checkpointEvery < 1) {
            throw new UsageException("--checkpoint-every must be >= 1, got " + checkpointEvery);
        }
        return b;
    }
}
