package org.mlp4j.spark.train;

import java.util.Locale;

/**
 * How the partitions' work is combined into one model (the README's "On Spark" section measures them).
 */
public enum Strategy {
    /**
     * Each task trains its own partition with mlp4j for a number of local epochs from the same starting parameters;
     * the driver averages parameters and optimizer state, weighted by rows, in partition order. One Spark job per
     * averaging round (DL4J's parameter averaging). The default: the fewest jobs, measured fastest to an accuracy.
     */
    AVERAGING("averaging"),
    /**
     * One Spark job per step: every task computes the gradient of its share of the global batch, the driver sums
     * them in partition order and applies the update (MLPC's treeAggregate design, made order-deterministic).
     * Exactly synchronous minibatch SGD, but each step pays a whole job's scheduling.
     */
    GRADIENTS("gradients"),
    /**
     * One barrier job for the whole fit: all tasks run at once, and every step they exchange gradients through
     * {@code BarrierTaskContext.allGather}, sum them in partition order and apply the same update, so all replicas
     * stay identical. Synchronous like {@link #GRADIENTS}, with one RPC round per step instead of a job.
     */
    BARRIER("barrier");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Strategy parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Strategy s : values()) {
            if (s.id.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("strategy must be averaging, gradients or barrier, got '" + name + "'");
    }
}
